// The neural embedder: a sentence-transformers model exported to ONNX, run in-process by
// onnxruntime-node through @huggingface/transformers. `OnnxEmbedder.load(folder)` is called once per
// process by whatever embeds (the embedding job for papers, the web role for queries).
//
// The folder has the layout of a Hugging Face repository exported for transformers.js (e.g.
// Xenova/all-MiniLM-L6-v2): config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx (fp32).
// Nothing is ever downloaded: the folder is checked before the library sees it, remote loading is off,
// the library's file cache is off (no writes into node_modules/.cache) and its fetch refuses to run.
//
// Read when present, as sentence-transformers itself does: 1_Pooling/config.json (mean or CLS
// pooling; mean when absent), sentence_bert_config.json (max_seq_length, which is often
// below the tokenizer's model_max_length) and config_sentence_transformers.json (prompts "query" and
// "document"/"passage", for models such as e5 or nomic-embed that want them). A Dense layer after
// pooling (a 2_Dense module) is not part of the ONNX graph and is not applied.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AutoModel, AutoTokenizer, env, mean_pooling, Tensor } from '@huggingface/transformers';
import type { PreTrainedModel, PreTrainedTokenizer } from '@huggingface/transformers';
import { normalize, type EmbedDoc, type Embedder } from '../embedder.js';

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;
const POOLING_FILE = '1_Pooling/config.json';
const MAX_SEQ_FILE = 'sentence_bert_config.json';
const PROMPTS_FILE = 'config_sentence_transformers.json';
const EXTERNAL_WEIGHTS_FILE = 'onnx/model.onnx_data';
/** Documents per forward pass: big enough to amortise the call, small enough that padding to the
 * longest abstract in the batch (≤ max_seq_length tokens) keeps memory in the tens of MB. */
export const DOCS_PER_BATCH = 32;
/** Hex digits of the content hash in the id: 48 bits, collisions between one folder's versions are moot. */
const ID_HASH_HEX = 12;

/** The model folder is missing, incomplete or holds something this embedder cannot run. */
export class OnnxModelFolderError extends Error {
  override readonly name = 'OnnxModelFolderError';
  constructor(
    readonly folder: string,
    problem: string,
  ) {
    super(`ONNX model folder ${folder}: ${problem}`);
  }
}

type Pooling = 'mean' | 'cls';

const PoolingConfig = z.object({
  pooling_mode_mean_tokens: z.boolean().optional(),
  pooling_mode_cls_token: z.boolean().optional(),
});
const MaxSeqConfig = z.object({ max_seq_length: z.number().int().positive().optional() });
const PromptsConfig = z.object({ prompts: z.record(z.string(), z.string()).optional() });

type Settings = {
  readonly pooling: Pooling;
  /** Tokens per text, [CLS]/[SEP] included; null keeps the tokenizer's model_max_length. */
  readonly maxTokens: number | null;
  readonly queryPrompt: string;
  readonly documentPrompt: string;
};

export class OnnxEmbedder implements Embedder {
  private closed = false;

  private constructor(
    readonly id: string,
    readonly dims: number,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly settings: Settings,
  ) {}

  /** Loads the model in `folder` (relative paths from the working directory); throws
   * OnnxModelFolderError, before touching the ONNX runtime, when a required file is missing. */
  static async load(folder: string): Promise<OnnxEmbedder> {
    const dir = path.resolve(folder);
    const missing = REQUIRED_FILES.filter((f) => !isFile(path.join(dir, f)));
    if (missing.length > 0) {
      const where = fs.existsSync(dir) ? 'lacks' : 'does not exist; it needs';
      throw new OnnxModelFolderError(dir, `${where} ${missing.join(', ')} (the layout of a Hugging Face model exported for transformers.js; nothing is downloaded)`);
    }
    const settings = readSettings(dir);
    keepTransformersOffline();
    // local_files_only on top of allowRemoteModels=false: either alone already forbids the hub.
    const options = { local_files_only: true } as const;
    const tokenizer = await AutoTokenizer.from_pretrained(dir, options);
    const model = await AutoModel.from_pretrained(dir, { ...options, dtype: 'fp32', device: 'cpu' });
    try {
      // The vector width is whatever the graph outputs (hidden_size in config.json can disagree).
      const [probe] = await new OnnxEmbedder('', 0, tokenizer, model, settings).embedTexts(['dimension probe']);
      // The id hashes the files that shape the vectors, not size+mtime: a copied or re-downloaded
      // identical model keeps its id (re-embedding a catalog costs far more than hashing ~100 MB once),
      // and any change to weights, vocabulary or pooling gets a new vector space.
      const hash = await hashFiles(dir, [...REQUIRED_FILES, POOLING_FILE, MAX_SEQ_FILE, PROMPTS_FILE, EXTERNAL_WEIGHTS_FILE]);
      return new OnnxEmbedder(`onnx:${path.basename(dir)}@${hash}`, probe?.length ?? 0, tokenizer, model, settings);
    } catch (e) {
      await model.dispose();
      throw e;
    }
  }

  async embedDocuments(docs: readonly EmbedDoc[]): Promise<Float32Array[]> {
    const texts = docs.map((d) => this.settings.documentPrompt + documentText(d));
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += DOCS_PER_BATCH) {
      vectors.push(...(await this.embedTexts(texts.slice(i, i + DOCS_PER_BATCH))));
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.embedTexts([this.settings.queryPrompt + text.trim()]);
    if (!vector) throw new Error('the ONNX model returned no vector for a query');
    return vector;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.model.dispose();
  }

  private async embedTexts(texts: string[]): Promise<Float32Array[]> {
    if (this.closed) throw new Error(`${this.id} is closed`);
    if (texts.length === 0) return [];
    const inputs = this.tokenizer(texts, {
      padding: true,
      truncation: true,
      ...(this.settings.maxTokens === null ? {} : { max_length: this.settings.maxTokens }),
    });
    const output: unknown = await this.model(inputs);
    const hidden = lastHiddenState(output);
    const pooled = this.pool(hidden, inputs.attention_mask);
    const [rows, dims] = pooled.dims;
    if (!(pooled.data instanceof Float32Array) || rows !== texts.length || dims === undefined) {
      throw new Error(`the ONNX model gave ${pooled.type} [${pooled.dims.join(', ')}] for ${texts.length} texts`);
    }
    const data = pooled.data;
    return Array.from({ length: rows }, (_, r) => normalize(data.slice(r * dims, (r + 1) * dims)));
  }

  private pool(hidden: Tensor, attentionMask: Tensor): Tensor {
    switch (this.settings.pooling) {
      case 'mean':
        return mean_pooling(hidden, attentionMask);
      case 'cls':
        return hidden.slice(null, 0);
    }
  }
}

/** Title and abstract as one passage; the period makes the title its own sentence, the way
 * sentence-transformers models saw titles in training (a [SEP] would start a second segment). */
export function documentText(doc: EmbedDoc): string {
  const title = doc.title.trim();
  const text = doc.text.trim();
  if (title === '' || text === '') return title + text;
  return /[.!?:]$/.test(title) ? `${title} ${text}` : `${title}. ${text}`;
}

function keepTransformersOffline(): void {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  env.fetch = async (input) => {
    throw new Error(`refusing to fetch ${String(input)}: ONNX models are only read from local folders`);
  };
}

function readSettings(dir: string): Settings {
  const pooling = readOptionalJson(dir, POOLING_FILE, PoolingConfig);
  const maxSeq = readOptionalJson(dir, MAX_SEQ_FILE, MaxSeqConfig);
  const prompts = readOptionalJson(dir, PROMPTS_FILE, PromptsConfig)?.prompts ?? {};
  return {
    pooling: poolingOf(dir, pooling),
    maxTokens: maxSeq?.max_seq_length ?? null,
    queryPrompt: prompts['query'] ?? '',
    documentPrompt: prompts['document'] ?? prompts['passage'] ?? '',
  };
}

function poolingOf(dir: string, config: z.infer<typeof PoolingConfig> | null): Pooling {
  if (config === null || config.pooling_mode_mean_tokens) return 'mean';
  if (config.pooling_mode_cls_token) return 'cls';
  throw new OnnxModelFolderError(dir, `${POOLING_FILE} asks for a pooling other than mean or CLS`);
}

function readOptionalJson<T>(dir: string, file: string, schema: z.ZodType<T>): T | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, file), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new OnnxModelFolderError(dir, `${file} is not JSON: ${String(e)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new OnnxModelFolderError(dir, `${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function lastHiddenState(output: unknown): Tensor {
  if (typeof output === 'object' && output !== null) {
    const o = output as Record<string, unknown>;
    const t = o['last_hidden_state'] ?? o['token_embeddings'];
    if (t instanceof Tensor && t.dims.length === 3) return t;
  }
  throw new Error('the ONNX model has no last_hidden_state [batch, seq, dims] output');
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

async function hashFiles(dir: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    const full = path.join(dir, file);
    if (!isFile(full)) continue;
    hash.update(`${file}\0`);
    for await (const chunk of fs.createReadStream(full)) hash.update(chunk as Buffer);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, ID_HASH_HEX);
}
