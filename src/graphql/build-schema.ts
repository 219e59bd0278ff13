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
import { ReviewResolver } from './resolvers/review.resolver';
import { SuggestionResolver } from './resolvers/suggestion.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';
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
        ReviewResolver,
        SuggestionResolver,
        SubscriptionResolver,
      ],
      validate: false,
      // Every subscription brings its own `subscribe` (from the ChangeFeed in the context);
      // type-graphql still asks for a topic-based PubSub, which nothing may use.
      pubSub: {
        publish: () => {
          throw new Error('subscriptions read the ChangeFeed, not topics');
        },
        subscribe: () => {
          throw new Error('subscriptions read the ChangeFeed, not topics');
        },
      },
    });
    sliceResolvers(schema);
    // type-graphql has no option for the root type's description.
    schema.getQueryType()!.description =
      'Reads of the macro knowledge graph: entities, causal edges and their sources, and shock propagation over the edges.';
    schema.getMutationType()!.description =
      "Researchers' writes, with `Authorization: Bearer <token>` (API_TOKENS): add and correct entities, sources and causal edges, with provenance.";
    schema.getSubscriptionType()!.description =
      'Live updates over graphql-ws on the same path (ws://HOST:PORT/graphql); a token, if any, goes in `connectionParams.authorization`.';
  }
  return schema;
}
