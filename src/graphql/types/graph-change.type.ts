import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GRAPH_CHANGE_KINDS, type GraphChangeKind } from '../../domain/model/graph-change.model';

export const GraphChangeKindEnum = Object.fromEntries(GRAPH_CHANGE_KINDS.map((k) => [k, k])) as { [K in GraphChangeKind]: K };
registerEnumType(GraphChangeKindEnum, {
  name: 'GraphChangeKind',
  description: 'What an accepted write did.',
  valuesConfig: {
    EDGE_ADDED: { description: 'A causal edge was added (`edgeId`).' },
    EDGE_UPDATED: { description: 'An edge was corrected or given more evidence (`edgeId`).' },
    EDGE_ACCEPTED: { description: 'A proposed edge was accepted by a reviewer (`edgeId`).' },
    EDGE_REJECTED: { description: 'A proposed edge was rejected by a reviewer (`edgeId`).' },
    EDGE_RETRACTED: { description: 'An edge was retracted (`edgeId`).' },
    ENTITY_UPSERTED: { description: 'An entity was created or replaced (`entityId`).' },
    SOURCE_ADDED: { description: 'A source was added (`sourceId`).' },
    SOURCE_UPDATED: { description: 'A source was corrected (`sourceId`).' },
    IMPORTED: { description: 'A bulk import: anything may have changed.' },
  },
});

@ObjectType('GraphChange', { description: 'One accepted write, as `graphChanged` announces it: re-read what it names.' })
export class GraphChangeType {
  @Field(() => ID, { description: '`change@` and the version: one change per version.' })
  id!: string;

  @Field(() => String, { description: 'The graph version after the change; versions only grow.' })
  version!: string;

  @Field(() => GraphChangeKindEnum, { description: 'What the write did.' })
  kind!: GraphChangeKind;

  @Field(() => ID, { nullable: true, description: 'The edge written, for the EDGE_* kinds.' })
  edgeId?: string;

  @Field(() => ID, { nullable: true, description: 'The entity written, for ENTITY_UPSERTED.' })
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'The source written, for SOURCE_ADDED and SOURCE_UPDATED.' })
  sourceId?: string;
}
