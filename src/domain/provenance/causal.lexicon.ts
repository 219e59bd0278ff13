import { foldText } from '../search/fold-text';

/**
 * The words that make a sentence a causal claim, in folded form (Simplified Chinese, lower
 * case), so Traditional and full-width text meet them too.
 *
 * - `cause`: a verb or connective read forwards, the cause before it and the effect after;
 *   `sign` is what it does to the effect (推高 +1, 压低 −1, 导致 0: the effect's own words say).
 * - `shift`: a signed verb that is transitive before an entity (降低对冲成本) and otherwise
 *   says how the entity before it moved (成本降低).
 * - `trade`: buying or selling: says which way the price of what is traded moves (抛售美债:
 *   UST prices DOWN); read as a cause word only weakly, since whether selling is the seller's
 *   UP or DOWN depends on what its measure counts (Nochu's sales, RV funds' positions).
 * - `direction`: how an entity moved (上升, 贬值, rises, lower).
 * - `outflow`: money leaving (撤出, 回流): a direction, DOWN, for the entity before it and for
 *   every entity between a `source` word (从) and it (资金从美股、美债急速回流日本).
 * - `stance`: tighter (+1) or looser (−1): UP for an entity whose measure is a tightening
 *   (policy, financial conditions), DOWN for a quantity (流动性收紧 is less liquidity).
 * - `because`: the entity after it is the cause (由于 X, Y…; Y, because X).
 * - `reason`: a noun for a cause: Y 的原因是 X (between them: X causes Y, as with `because`);
 *   X 是 Y 的关键支柱 (after both, with a `copula` between them: X causes Y).
 * - `passive`: the entity before it is the effect, the one after it the cause (Y 被 X 推高).
 * - `contrast`: 反而, 但, however: what follows runs against what came before, so the two
 *   are not read as one leading to the other.
 * - `negation`, `hedge`: as named. `inert`: look-alikes that must not be read as the shorter
 *   word inside them (不断 is no negation, 被迫 no passive, 即使 no 使).
 */
export type LexiconKind =
  | 'cause'
  | 'shift'
  | 'trade'
  | 'direction'
  | 'outflow'
  | 'stance'
  | 'source'
  | 'because'
  | 'reason'
  | 'copula'
  | 'passive'
  | 'contrast'
  | 'negation'
  | 'hedge'
  | 'inert';
export type Sign = -1 | 0 | 1;

export interface LexiconEntry {
  readonly term: string;
  readonly kind: LexiconKind;
  readonly sign: Sign;
  /** How strongly the word alone says "causes", in (0, 1]. */
  readonly strength: number;
}

const STRONG = 0.9;
const PLAIN = 0.75;
const WEAK = 0.5;
const TRADE = 0.35;

const entries = (kind: LexiconKind, sign: Sign, strength: number, list: string): LexiconEntry[] =>
  list
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term.length > 0)
    .map((term) => ({ term: foldText(term), kind, sign, strength }));

export const CAUSAL_LEXICON: readonly LexiconEntry[] = [
  ...entries('cause', 1, STRONG, '推高, 抬高, 拉高, 推升, 提振, 助长, 放大, 刺激, 带动, 催生, 推动, 加大, 利好'),
  ...entries('cause', 1, STRONG, 'lifts, lifted, boosts, boosted, pushes up, pushed up, push up, drives up, drove up'),
  ...entries('cause', 1, STRONG, 'fuels, fuelled, fueled'),
  ...entries('cause', 1, PLAIN, '创造, 注入, 释放, 增发, 支撑'),
  ...entries('cause', 1, PLAIN, 'creates, created, injects, injected, adds, added, provides, provided, supports, underpins'),
  ...entries('cause', -1, STRONG, '压低, 拉低, 抑制, 压制, 吸走, 抽走, 耗尽, 拖累, 打压, 侵蚀, 削减, 挤出, 利空'),
  ...entries('cause', -1, STRONG, 'drains, drained, drain, pushes down, pushed down, push down, drives down, drove down'),
  ...entries('cause', -1, STRONG, 'erodes, eroded, suppresses, depresses, curbs, hurts'),
  ...entries('cause', 0, STRONG, '导致, 引发, 引起, 迫使, 触发, 造成, 促使, 致使, 诱发, 使得, 驱动, -->, ->, →, ⇒'),
  ...entries('cause', 0, STRONG, 'leads to, lead to, led to, causes, caused, forces, forced, force, triggers, triggered'),
  ...entries('cause', 0, STRONG, 'results in, resulted in, sparks, sparked, prompts, prompted'),
  ...entries('cause', 0, PLAIN, '带来, 传导至, 传导到, 转化为, 令, 让, 使, 就会, 将会, 会使'),
  ...entries('cause', 0, PLAIN, 'drives, drive, drove, makes, made, means'),
  ...entries('cause', 0, WEAK, '影响, 冲击, 意味着, 因此, 从而, 进而, 所以, 于是, 因而, 以致, 结果, 则, 表明'),
  ...entries('cause', 0, WEAK, 'so, therefore, thus, hence, which means, as a result, affects, affected, hits'),
  // What follows an event in time is read as its consequence, weakly.
  ...entries('cause', 0, WEAK, '以来, 之后, 以后'),

  ...entries('shift', 1, PLAIN, '提高, 增加, 扩大, 加剧, 提升, 增强, 加速, 抬升'),
  ...entries('shift', 1, PLAIN, 'raises, raised, raise, increases, increased, increase, widens, widened'),
  ...entries('shift', 1, PLAIN, 'worsens, worsened, strengthens, strengthened'),
  ...entries('shift', -1, PLAIN, '降低, 减少, 削弱, 缓解, 缩小, 收窄, 减弱, 消耗'),
  ...entries('shift', -1, PLAIN, 'lowers, lowered, reduces, reduced, reduce, weakens, weakened, weaken, narrows, narrowed, cuts'),

  // Selling something pushes its price down, buying or money flowing in pushes it up.
  ...entries('trade', -1, TRADE, '抛售, 卖出, 出售, 减持, 抛弃, 逃离, 做空'),
  ...entries('trade', -1, TRADE, 'sells, sold, sell, dumps, dumped, dump, shorts'),
  ...entries('trade', 1, TRADE, '买入, 购买, 增持, 买进, 做多, 投向, 投资于, 流入, 转向, 借给'),
  ...entries('trade', 1, TRADE, 'buys, bought, buy, flows into, flow into, invests in, invest in, moves into'),

  ...entries('direction', 1, 1, '上升, 上涨, 攀升, 飙升, 走高, 升高, 增长, 扩张, 膨胀, 升值, 走强, 激增, 暴涨, 大涨, 上行'),
  ...entries('direction', 1, 1, '高企, 飙涨, 猛增, 增多, 回升, 反弹, 走阔, 上扬, 升温, 高于, 更高, 好转'),
  ...entries('direction', 1, 1, 'rise, rises, rising, rose, risen, higher, up, jumps, jumped, surges, surged, climbs, climbed'),
  ...entries('direction', 1, 1, 'soars, soared, spikes, spiked, grows, grew, expands, expanded, stronger'),
  ...entries('direction', -1, 1, '下降, 下跌, 下滑, 走低, 回落, 缩水, 萎缩, 贬值, 走弱, 暴跌, 大跌, 下行, 枯竭, 平仓, 放缓'),
  ...entries('direction', -1, 1, '蒸发, 流失, 崩溃, 紧张, 短缺, 收缩, 低于, 更低, 减仓'),
  ...entries('direction', -1, 1, 'fall, falls, falling, fell, fallen, lower, down, declines, declined, drops, dropped'),
  ...entries('direction', -1, 1, 'shrinks, shrank, tumbles, tumbled, plunges, plunged, slumps, slumped, unwinds, unwound'),
  ...entries('direction', -1, 1, 'dries up, dried up, weaker'),

  ...entries('outflow', -1, 1, '撤出, 流出, 取出, 撤离, 抽离, 外流, 回流, flows out of, pulled out of'),
  ...entries('source', 0, 1, '从, out of'),
  ...entries('contrast', 0, 1, '反而, 反倒, 却, 但是, 但, 然而, 不过, 而是, but, however, yet, instead, whereas, although, despite'),

  ...entries('stance', 1, 1, '收紧, 紧缩, 鹰派, 加息, tightening, tightens, tightened, tighter, hawkish'),
  ...entries('stance', -1, 1, '宽松, 放松, 鸽派, 降息, easing, eases, eased, looser, dovish'),

  ...entries('because', 0, PLAIN, '由于, 因为, 因, 鉴于, 得益于, 源于, 归因于, 基于'),
  ...entries('because', 0, PLAIN, 'because of, because, due to, owing to, thanks to, as a result of'),
  // Conditions read the same way: the entity after the word is the cause.
  ...entries('because', 0, WEAK, '随着, 一旦, 如果, 若, 假如, 只要, 每当, 当, if, once, when, whenever, as long as'),

  ...entries('reason', 0, PLAIN, '原因, 诱因, 根源, 推手, 驱动力, 催化剂, 支柱, 基石, 引擎'),
  ...entries('reason', 0, PLAIN, 'reason for, reason, driver of, driver, cause of, engine of, pillar of'),
  ...entries('copula', 0, 1, '是, is, are, was, were'),

  ...entries('passive', 0, PLAIN, '被, 受到, 取决于'),
  ...entries('passive', 0, PLAIN, 'driven by, caused by, triggered by, pushed up by, pushed down by, hit by, hurt by, depends on'),

  ...entries('negation', 0, 1, '不会, 不能, 不再, 并不, 并未, 并没有, 没有, 未能, 无法, 难以, 不, 未, 没'),
  ...entries('negation', 0, 1, "not, no longer, never, no, cannot, can't, won't, doesn't, don't, didn't, isn't, aren't, wasn't"),

  ...entries('hedge', 0, 1, '可能, 或许, 也许, 或将, 恐怕, 似乎, 有望, 未必, 不一定, 或会, 大概'),
  ...entries('hedge', 0, 1, 'may, might, could, perhaps, possibly, potentially'),

  ...entries('inert', 0, 1, '不得不, 不断, 不仅, 不少, 不同, 不足, 不久, 不管, 不论, 不可避免, 未来, 无论, 未实现, 未偿'),
  ...entries('inert', 0, 1, '被迫, 即使, 使用, 大使, 行使, 假使, 则是, 否则, 规则, 原则, 准则, 结果是, 命令, 法令, 转让, 让步, 令人'),
  ...entries('inert', 0, 1, '相当, 当前, 当然, 应当, 当时, 当局, 当地, 适当, 充当, 当天, 当日, 当年, 当下, 当中, 若干, 提供者, 供应者'),
  ...entries('inert', 0, 1, '是否, 因素, 基因, 成因, 因果, 从事, 从未, 从不, 从来, 服从, 但愿, 不但'),
];

/**
 * Phrases that contain an entity's name but name no entity: amounts of money (数万亿美元 is
 * a sum, not the dollar). Mention matching takes them, longest first, and drops them.
 */
export const NOT_MENTIONS: readonly string[] = [
  '万美元',
  '亿美元',
  '千美元',
  '美元计',
  '无风险',
  'billion dollars',
  'trillion dollars',
  'million dollars',
].map((phrase) => foldText(phrase));
