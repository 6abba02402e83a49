// Picks the engine for a search mode. Only keyword search exists yet; semantic and hybrid engines
// will be constructed here from the same store (their Embedder and vector index with it).
import type { SearchMode } from '../domain/search.js';
import type { Store } from '../store/db.js';
import { keywordIndex } from '../store/keyword-index.js';
import type { SearchEngine } from './engine.js';
import { DEFAULT_TUNING, KeywordEngine, type KeywordTuning } from './keyword.js';

export function searchEngine(store: Store, mode: SearchMode, tuning: KeywordTuning = DEFAULT_TUNING): SearchEngine {
  switch (mode) {
    case 'keyword':
      return new KeywordEngine(keywordIndex(store), tuning);
  }
}
