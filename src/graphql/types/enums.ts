import { registerEnumType } from 'type-graphql';
import {
  DIRECTIONS,
  EDGE_STATUSES,
  ENTITY_KINDS,
  POLARITIES,
  REVISION_ACTIONS,
  type Direction,
  type EdgeStatus,
  type EntityKind,
  type Polarity,
  type RevisionAction,
} from '../../domain/model/graph.model';
import { CHANGE_KINDS, type ChangeKind } from '../../domain/propagation/compare-propagations';

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const DirectionEnum = enumObject<Direction>(DIRECTIONS);
registerEnumType(DirectionEnum, {
  name: 'Direction',
  description: 'Which way an entity moves, in the sense of its `measure`.',
  valuesConfig: {
    UP: { description: 'The entity moves as its `measure` describes (e.g. a yield rises, a facility is used more).' },
    DOWN: { description: 'The opposite of UP.' },
  },
});

export const PolarityEnum = enumObject<Polarity>(POLARITIES);
registerEnumType(PolarityEnum, {
  name: 'Polarity',
  description: 'How the target of a causal edge moves relative to its source.',
  valuesConfig: {
    POSITIVE: { description: 'The target moves in the same direction as the source.' },
    NEGATIVE: { description: 'The target moves the opposite way.' },
  },
});

export const EntityKindEnum = enumObject<EntityKind>(ENTITY_KINDS);
registerEnumType(EntityKindEnum, {
  name: 'EntityKind',
  description: 'What sort of thing an entity is.',
  valuesConfig: {
    CENTRAL_BANK: { description: 'A central bank or one of its policy levers (policy rate, balance sheet).' },
    GOVERNMENT: { description: 'A government, treasury or public fiscal quantity.' },
    BANK: { description: 'A commercial, cooperative or money-centre bank.' },
    FUND: { description: 'A fund or class of investors (hedge funds, money-market funds, carry traders).' },
    FACILITY: { description: 'A facility or programme (FIMA repo, Standing Repo Facility, reverse repo, buybacks).' },
    MARKET: { description: 'A market rate, yield or exchange rate.' },
    INDICATOR: { description: 'An index or aggregate quantity (MOVE, USD liquidity, bank reserves).' },
    ASSET: { description: 'An asset price (Bitcoin, gold, equities).' },
    POLICY: { description: 'A policy or rule (tariffs, regulation).' },
    EVENT: { description: 'An event (a bank failure, a reserve freeze).' },
    OTHER: { description: 'Anything else.' },
  },
});

export const EdgeStatusEnum = enumObject<EdgeStatus>(EDGE_STATUSES);
registerEnumType(EdgeStatusEnum, {
  name: 'EdgeStatus',
  description: 'Whether an edge takes part in propagation.',
  valuesConfig: {
    ACTIVE: { description: 'In the graph: listed, and used by propagation.' },
    PROPOSED: {
      description:
        "A researcher's claim awaiting review: readable, listed for review, left out of analyses unless a query asks for proposals.",
    },
    REJECTED: {
      description: 'Turned down by a reviewer, with a reason: left out of lists and analyses, still readable by id with its history.',
    },
    RETRACTED: { description: 'Withdrawn by an admin: left out of lists and propagation, still readable by id with its history.' },
  },
});

export const RevisionActionEnum = enumObject<RevisionAction>(REVISION_ACTIONS);
registerEnumType(RevisionActionEnum, {
  name: 'RevisionAction',
  description: 'What a revision of an edge did.',
  valuesConfig: {
    CREATED: { description: 'The edge was added.' },
    UPDATED: { description: 'Fields were corrected or evidence added.' },
    RETRACTED: { description: 'The edge was withdrawn.' },
    ACCEPTED: { description: 'A reviewer accepted the proposal: it became ACTIVE.' },
    REJECTED: { description: 'A reviewer turned the proposal down, with a reason.' },
  },
});

export const ChangeKindEnum = enumObject<ChangeKind>(CHANGE_KINDS);
registerEnumType(ChangeKindEnum, {
  name: 'ChangeKind',
  description: 'How an impact differs in a counterfactual from the unchanged graph.',
  valuesConfig: {
    VANISHED: { description: 'Reached before, not any more.' },
    APPEARED: { description: 'Reached only in the counterfactual.' },
    FLIPPED: { description: 'Reached both times, in opposite directions.' },
    WEAKENED: { description: 'Same direction, weaker.' },
    STRENGTHENED: { description: 'Same direction, stronger.' },
  },
});

export const LoopKindEnum = enumObject<'REINFORCING' | 'BALANCING'>(['REINFORCING', 'BALANCING']);
registerEnumType(LoopKindEnum, {
  name: 'LoopKind',
  description: 'What a feedback loop does to a move that goes around it.',
  valuesConfig: {
    REINFORCING: { description: 'An even number of NEGATIVE edges: the move comes back the same way and amplifies itself.' },
    BALANCING: { description: 'An odd number of NEGATIVE edges: the move comes back the other way and damps itself.' },
  },
});
