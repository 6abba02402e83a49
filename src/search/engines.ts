// Picks the engine for a search mode; all three share the store's keyword index and vectors.
import type { SearchMode } from '../domain/search.js';
import type { Store } from '../store/db.js';
import { keywordIndex } from '../store/keyword-index.js';
import type { SearchEngine } from './engine.js';
import { DEFAULT_HYBRID, HybridEngine, type HybridTuning } from './hybrid.js';
import { DEFAULT_TUNING, KeywordEngine, type KeywordTuning } from './keyword.js';
import { SemanticEngine } from './semantic.js';

export interface EngineTuning {
  readonly keyword?: KeywordTuning;
  readonly hybrid?: HybridTuning;
}

export function searchEngine(store: Store, mode: SearchMode, tuning: EngineTuning = {}): SearchEngine {
  const index = keywordIndex(store);
  switch (mode) {
    case 'keyword':
      return new KeywordEngine(index, tuning.keyword ?? DEFAULT_TUNING);
    case 'semantic':
      return new SemanticEngine(store, index);
    case 'hybrid':
      return new HybridEngine(store, index, tuning.hybrid ?? DEFAULT_HYBRID);
  }
}
