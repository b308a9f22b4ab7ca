/**
 * The matcher's named step `model:title-nb`: the learned second opinion (title-model.ts) built for
 * one library version and applied to the rules' candidates. The pseudo-titles are the version's own
 * product-type names and aliases (so confirmed titles that became approved aliases feed it, pinned
 * with the version); the labelled titles are the build's, pinned by their hash in the model id.
 */
import { createHash } from 'node:crypto';
import {
  currentTitleModelGeneration,
  secondOpinion,
  type TitleModel,
  titleModelGenerations,
  type TitleModelGeneration,
  type TitleModelParams,
  trainTitleModel,
} from './title-model';

interface TypeLike {
  code: string;
  hs8: string;
  nameZh: string;
  nameEn: string;
  aliases: readonly string[];
}

export interface ModelStep {
  id: string;
  model: TitleModel;
  /** The type an added code stands on: the first of its HS8 by code. */
  typeOf: ReadonlyMap<string, number>;
  /** The note of an answer the rules were sure of. */
  sureNote: string;
  /** The parameters of the model's generation (how many rule candidates it re-ranks, from which confidence it is not consulted …). */
  params: TitleModelParams;
}

/** Labelled titles by content hash, and the generation of the model learnt from them (the current one if left out). */
export interface LabelledTitleSet {
  titles: readonly { description: string; hs8: string }[];
  sha256: string;
  generation?: TitleModelGeneration;
}

const modelCache = new Map<string, ModelStep>();

/** The model's id for labelled titles of this SHA-256: what matches name and versions record. */
export const titleModelId = (sha256: string, generation: TitleModelGeneration = currentTitleModelGeneration) =>
  `${generation}:${sha256.slice(0, 12)}`;

/** What the model is a function of: its id (generation and labelled titles) and the version's words (by SHA-256 of them). */
function cacheKey(id: string, sha256: string, types: readonly TypeLike[]): string {
  const words = createHash('sha256');
  for (const type of types)
    words.update(JSON.stringify([type.code, type.hs8, type.nameZh, type.nameEn, ...type.aliases]));
  return `${id}:${sha256}:${words.digest('hex')}`;
}

/**
 * Trains the model on the labelled titles whose code the version has, and on every type's names and
 * aliases; `read` turns a title into the matcher's reading. Built once per version content.
 */
export function learnTitles(
  indexTypes: readonly TypeLike[],
  types: readonly TypeLike[],
  labelled: LabelledTitleSet,
  read: (text: string) => string,
): ModelStep {
  const generation = labelled.generation ?? currentTitleModelGeneration;
  const id = titleModelId(labelled.sha256, generation);
  const key = cacheKey(id, labelled.sha256, types);
  const cached = modelCache.get(key);
  if (cached) return cached;
  const codes = new Set(types.map((type) => type.hs8));
  const docs = [
    ...labelled.titles.filter((t) => codes.has(t.hs8)).map((t) => ({ text: read(t.description), hs8: t.hs8 })),
    ...types.flatMap((type) =>
      [type.nameZh, type.nameEn, ...type.aliases].filter(Boolean).map((word) => ({ text: read(word), hs8: type.hs8 })),
    ),
  ];
  const params = titleModelGenerations[generation];
  const typeOf = new Map<string, number>();
  indexTypes.forEach((type, i) => {
    const current = typeOf.get(type.hs8);
    if (current === undefined || type.code < indexTypes[current]!.code) typeOf.set(type.hs8, i);
  });
  const step = {
    id,
    model: trainTitleModel(docs, id, params.alpha),
    typeOf,
    sureNote: `model:title-nb@${id}(rules sure, not consulted; 规则确定，未参考模型)`,
    params,
  };
  if (modelCache.size >= 4) modelCache.delete(modelCache.keys().next().value!);
  modelCache.set(key, step);
  return step;
}

/**
 * The answer's candidates: the combined order cut to `limit`, each with its combined share (the
 * top's, its confidence, × 0.8 when the model would have put another code first) and its notes
 * (bilingual, like the rules'). The model never answers alone: with no rule candidate (nothing in
 * the title names goods the catalogue knows) there is no answer. `excluded` codes (a stated figure
 * outside their range) are neither re-ranked nor added, unless every rule candidate is one.
 */
export function rankWithModel<T extends { hs8: string; share: number }>(
  step: ModelStep,
  text: string,
  ranked: readonly T[],
  limit: number,
  excluded: (hs8: string) => boolean = () => false,
): { code: T | undefined; hs8: string; score: number; notes: string[] }[] {
  // A code the rules exclude on a fact the model cannot read (a stated figure) is not the model's to bring back.
  const open = ranked.filter((r) => !excluded(r.hs8));
  const opinion = secondOpinion(step.model, text, open.length ? open : ranked, step.params, excluded);
  const byCode = new Map(ranked.map((r, i) => [r.hs8, i]));
  return opinion.order.slice(0, limit).map(({ hs8 }, i) => {
    const byRules = byCode.get(hs8);
    const notes = [
      byRules === undefined
        ? `model:title-nb@${step.id}(added by the model; 学习模型补充)`
        : `model:title-nb@${step.id}(rules' #${byRules + 1}; 规则第${byRules + 1}名)`,
    ];
    let score = opinion.shares[i]!;
    if (i === 0 && byRules !== 0) notes.push('model:title-nb(re-ranked first; 学习模型改排第一)');
    if (i === 0 && opinion.modelTop !== hs8) {
      score *= step.params.disagreeFactor;
      notes.push(`confidence:model-disagrees×${step.params.disagreeFactor}`);
    }
    return { code: byRules === undefined ? undefined : ranked[byRules], hs8, score, notes };
  });
}
