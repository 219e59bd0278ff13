import { Field, Int, ObjectType } from 'type-graphql';
import type { CausalEdge, Entity } from '../../domain/model/graph.model';
import { CausalEdgeType } from './causal-edge.type';
import { EntityType } from './entity.type';

@ObjectType('PageInfo', { description: "Where a page sits in its list (Relay's PageInfo)." })
export class PageInfoType {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when items come before this page (it was asked for `after` a cursor). Paging is forward only: there is no `before`.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the page's first item. Null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the page's last item: pass it as `after` for the next page. Null on an empty page.",
  })
  endCursor!: string | null;
}

@ObjectType('EntityEdge', { description: 'An entity in a page, with its cursor (a Relay edge; not a causal edge).' })
export class EntityEdgeType {
  @Field(() => String, { description: 'Pass it as `after` to continue after this entity.' })
  cursor!: string;

  @Field(() => EntityType, { description: 'The entity.' })
  node!: Entity;
}

@ObjectType('EntityConnection', { description: 'A page of entities (a Relay connection; `nodes` is the same list without cursors).' })
export class EntityConnectionType {
  @Field(() => [EntityType], { description: 'The entities on this page, best matches first.' })
  nodes!: Entity[];

  @Field(() => [EntityEdgeType], { description: 'The entities on this page with their cursors, in the order of `nodes`.' })
  edges!: Array<{ cursor: string; node: Entity }>;

  @Field(() => PageInfoType, { description: 'Where this page sits in the whole result.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'How many entities match, over all pages.' })
  totalCount!: number;
}

@ObjectType('CausalEdgeEdge', { description: 'A causal edge in a page, with its cursor (a Relay edge).' })
export class CausalEdgeEdgeType {
  @Field(() => String, { description: 'Pass it as `after` to continue after this causal edge.' })
  cursor!: string;

  @Field(() => CausalEdgeType, { description: 'The causal edge.' })
  node!: CausalEdge;
}

@ObjectType('CausalEdgeConnection', {
  description: 'A page of causal edges (a Relay connection; `nodes` is the same list without cursors).',
})
export class CausalEdgeConnectionType {
  @Field(() => [CausalEdgeType], { description: 'The edges on this page, in id order.' })
  nodes!: CausalEdge[];

  @Field(() => [CausalEdgeEdgeType], { description: 'The causal edges on this page with their cursors, in the order of `nodes`.' })
  edges!: Array<{ cursor: string; node: CausalEdge }>;

  @Field(() => PageInfoType, { description: 'Where this page sits in the whole list.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'How many causal edges there are, over all pages.' })
  totalCount!: number;
}
