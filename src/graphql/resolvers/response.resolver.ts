import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { LIMITS, rangeText } from '../../domain/limits/argument-limits';
import type { Entity } from '../../domain/model/graph.model';
import type { EntityResponse, Response } from '../../domain/response/response.model';
import type { Context } from '../context';
import { includeProposedArg, limitedArg } from '../limited-arg';
import { EntityType } from '../types/entity.type';
import { DisableInput, ShockInput } from '../types/propagation.type';
import { EntityResponseType, ResponseType } from '../types/response.type';
import { canonicalDisable, canonicalShocks, digest } from '../cache-ids';

@Resolver(() => EntityResponseType)
export class ResponseResolver {
  @Query(() => ResponseType, {
    description:
      "What happens in the end, feedback included: the fuzzy-cognitive-map steady state of every entity, its path over days from the edges' lags, and with `samples` its uncertainty from the edges' confidence. Unlike paths, loops feed back here: a reinforcing spiral amplifies, bounded by tanh.",
  })
  async response(
    @Arg('shocks', () => [ShockInput], {
      defaultValue: [],
      description: `The shocks (${rangeText(LIMITS.response.shocks)}), at most one per entity, each held for the whole run. May be left out when \`scenario\` is given.`,
    })
    shocks: ShockInput[],
    @Arg('scenario', () => ID, {
      nullable: true,
      description: 'Respond to a named scenario (see `scenarios`): its shocks, instead of `shocks`.',
    })
    scenario: string | null,
    @Arg('disable', () => DisableInput, {
      nullable: true,
      description: 'A counterfactual: respond as if these entities and edges did not exist.',
    })
    disable: DisableInput | null,
    @Arg('horizonDays', () => Int, limitedArg(LIMITS.response.horizonDays, 'The series covers days 0 to this')) horizonDays: number,
    @Arg(
      'adjustmentDays',
      () => Int,
      limitedArg(LIMITS.response.adjustmentDays, 'Each day an entity closes 1/adjustmentDays of the gap to its target (1: no smoothing)'),
    )
    adjustmentDays: number,
    @Arg(
      'samples',
      () => Int,
      limitedArg(LIMITS.response.samples, "Monte-Carlo draws of the edges' weights from their confidence (see Band); 0 for none"),
    )
    samples: number,
    @Arg('seed', () => Int, limitedArg(LIMITS.response.seed, 'Seed of the draws: the same seed gives the same bands on every backend'))
    seed: number,
    @Arg('includeProposed', () => Boolean, includeProposedArg) includeProposed: boolean,
    @Ctx() ctx: Context,
  ): Promise<Response & { id: string }> {
    const answer = await ctx.analysis.response(
      { shocks, scenario, disable, horizonDays, adjustmentDays, samples, seed, includeProposed },
      ctx.order,
    );
    const id = digest({
      shocks: canonicalShocks(shocks),
      scenario,
      disable: canonicalDisable(disable),
      horizonDays,
      adjustmentDays,
      samples,
      seed,
      includeProposed,
    });
    return { ...answer, id, entities: answer.entities.map((row) => ({ ...row, id: `${id}:${row.entityId}` })) };
  }

  @FieldResolver(() => EntityType, { description: 'The entity.' })
  entity(@Root() row: EntityResponse, @Ctx() ctx: Context): Promise<Entity> {
    return ctx.loaders.entity.load(row.entityId);
  }
}
