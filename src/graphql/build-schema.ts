import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { CausalEdgeResolver } from './resolvers/causal-edge.resolver';
import { EntityResolver } from './resolvers/entity.resolver';
import { EvidenceResolver, SourceResolver } from './resolvers/evidence.resolver';
import { ImpactResolver, TransmissionPathResolver } from './resolvers/propagation.resolver';
import {
  AnalysisQueryResolver,
  EntityScoreResolver,
  FeedbackLoopResolver,
  ImpactChangeResolver,
  NeighbourhoodResolver,
  RankingsResolver,
  ScenarioResolver,
  ScenarioShockResolver,
} from './resolvers/analysis.resolver';
import { ChannelsResolver, EdgeContributionResolver } from './resolvers/channels.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { ResponseResolver } from './resolvers/response.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { sliceResolvers } from './time-slice';

let schema: GraphQLSchema | undefined;

/** The executable schema. Built once: type-graphql's metadata is global to the process. */
export function buildApiSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchemaSync({
      resolvers: [
        QueryResolver,
        AnalysisQueryResolver,
        FeedbackLoopResolver,
        NeighbourhoodResolver,
        RankingsResolver,
        EntityScoreResolver,
        ScenarioResolver,
        ScenarioShockResolver,
        ImpactChangeResolver,
        MutationResolver,
        EntityResolver,
        CausalEdgeResolver,
        EvidenceResolver,
        SourceResolver,
        ImpactResolver,
        TransmissionPathResolver,
        ChannelsResolver,
        EdgeContributionResolver,
        ResponseResolver,
      ],
      validate: false,
    });
    sliceResolvers(schema);
    // type-graphql has no option for the root type's description.
    schema.getQueryType()!.description =
      'Reads of the macro knowledge graph: entities, causal edges and their sources, and shock propagation over the edges.';
    schema.getMutationType()!.description =
      "Researchers' writes, with `Authorization: Bearer <token>` (API_TOKENS): add and correct entities, sources and causal edges, with provenance.";
  }
  return schema;
}
