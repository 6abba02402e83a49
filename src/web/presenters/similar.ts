// Similar papers as JSON: the paper they are similar to, then each neighbour in the Hugging Face
// paper shape with its cosine similarity.
import type { SimilarPaper } from '../../commands/similar-papers.js';
import type { ArxivId } from '../../domain/arxiv-id.js';
import { hfPaper } from './hf.js';

export function similarJson(id: ArxivId, similar: readonly SimilarPaper[]) {
  return {
    id,
    results: similar.map((s) => ({ paper: hfPaper(s.paper), title: s.paper.title, similarity: Number(s.similarity.toFixed(4)) })),
  };
}
