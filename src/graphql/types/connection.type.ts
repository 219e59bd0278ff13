import { Field, Int, ObjectType } from 'type-graphql';
import type { CausalEdge, Entity } from '../../domain/model/graph.model';
import { CausalEdgeType } from './causal-edge.type';
import { EntityType } from './entity.type';

@ObjectType('PageInfo', { description: 'Where a page sits in its list.' })
export class PageInfoType {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the page's last item: pass it as `after` for the next page. Null on an empty page.",
  })
  endCursor!: string | null;
}

@ObjectType('EntityConnection', { description: 'A page of entities.' })
export class EntityConnectionType {
  @Field(() => [EntityType], { description: 'The entities on this page, best matches first.' })
  nodes!: Entity[];

  @Field(() => PageInfoType, { description: 'Where this page sits in the whole result.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'How many entities match, over all pages.' })
  totalCount!: number;
}

@ObjectType('CausalEdgeConnection', { description: 'A page of causal edges.' })
export class CausalEdgeConnectionType {
  @Field(() => [CausalEdgeType], { description: 'The edges on this page, in id order.' })
  nodes!: CausalEdge[];

  @Field(() => PageInfoType, { description: 'Where this page sits in the whole list.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'How many causal edges there are, over all pages.' })
  totalCount!: number;
}
