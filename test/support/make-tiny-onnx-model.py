#!/usr/bin/python3
"""Writes a tiny BERT-shaped sentence-embedding model in the folder layout transformers.js loads
(config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) into the folder named by argv[1].

Run by test/support/tiny-onnx-model.ts with Debian's /usr/bin/python3 and its `python3-onnx` package
(numpy comes with it). The weights are random but seeded, so every run writes the same model.

The graph keeps BERT's interface (input_ids, attention_mask, token_type_ids: int64 [batch, seq] ->
last_hidden_state: float32 [batch, seq, DIMS]) without attention: each position's output depends only
on its token, its token type and its position, so padding a batch cannot change a sentence's vector.
    h = tanh((word[input_ids] + type[token_type_ids] + position[0..seq)) @ W + b) * attention_mask
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

DIMS = 32
MAX_POSITIONS = 64  # also the tokenizer's model_max_length (tokens, [CLS] and [SEP] included)
SEED = 20240611
OPSET = 14  # Range, Unsqueeze with axes as an input; onnxruntime 1.x runs it

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = """the a an of and or in on for to with by from is are we our this that which as at be
graph graphs neural network networks language model models large learning deep attention transformer
transformers vision image images text retrieval search semantic embedding embeddings paper papers
training data dataset benchmark reinforcement policy agent agents diffusion generation generative
quantum physics protein structure prediction robot robotics control optimization gradient descent
sparse dense token tokens sequence sequences time series causal inference bayesian probabilistic
convolutional recurrent memory efficient fast scalable small survey method methods new all you need
""".split()
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789")
PUNCTUATION = list(".,:;!?-()'\"")


def vocabulary():
    tokens = SPECIALS + WORDS + LETTERS + ["##" + c for c in LETTERS] + PUNCTUATION
    seen = {}
    for t in tokens:
        seen.setdefault(t, len(seen))
    return seen


def special(token, vocab):
    return {"id": vocab[token], "content": token, "single_word": False, "lstrip": False,
            "rstrip": False, "normalized": False, "special": True}


def tokenizer_json(vocab):
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special(t, vocab) for t in SPECIALS],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [cls], "tokens": ["[CLS]"]},
                               "[SEP]": {"id": "[SEP]", "ids": [sep], "tokens": ["[SEP]"]}},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


def graph(vocab_size):
    rng = np.random.default_rng(SEED)

    def weights(name, *shape):
        return numpy_helper.from_array(rng.normal(0, 0.5, shape).astype(np.float32), name)

    initializers = [
        weights("word_embeddings", vocab_size, DIMS),
        weights("token_type_embeddings", 2, DIMS),
        weights("position_embeddings", MAX_POSITIONS, DIMS),
        weights("dense_weight", DIMS, DIMS),
        weights("dense_bias", DIMS),
        numpy_helper.from_array(np.array(0, np.int64), "zero"),
        numpy_helper.from_array(np.array(1, np.int64), "one"),
        numpy_helper.from_array(np.array([-1], np.int64), "last_axis"),
    ]
    node = helper.make_node
    nodes = [
        node("Gather", ["word_embeddings", "input_ids"], ["word"]),
        node("Gather", ["token_type_embeddings", "token_type_ids"], ["token_type"]),
        node("Shape", ["input_ids"], ["ids_shape"]),
        node("Gather", ["ids_shape", "one"], ["seq_len"], axis=0),
        node("Range", ["zero", "seq_len", "one"], ["positions"]),
        node("Gather", ["position_embeddings", "positions"], ["position"]),
        node("Add", ["word", "token_type"], ["sum1"]),
        node("Add", ["sum1", "position"], ["sum2"]),
        node("MatMul", ["sum2", "dense_weight"], ["dense"]),
        node("Add", ["dense", "dense_bias"], ["dense_biased"]),
        node("Tanh", ["dense_biased"], ["hidden"]),
        node("Cast", ["attention_mask"], ["mask_float"], to=TensorProto.FLOAT),
        node("Unsqueeze", ["mask_float", "last_axis"], ["mask3"]),
        node("Mul", ["hidden", "mask3"], ["last_hidden_state"]),
    ]
    int_input = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "seq"])
    return helper.make_graph(
        nodes,
        "tiny_bert",
        [int_input("input_ids"), int_input("attention_mask"), int_input("token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", DIMS])],
        initializers,
    )


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-tiny-onnx-model.py <output folder>")
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    vocab = vocabulary()

    model = helper.make_model(graph(len(vocab)), producer_name="paperboy-tests",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, os.path.join(out, "onnx", "model.onnx"))

    def write(name, value):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(value, f, indent=1)

    write("tokenizer.json", tokenizer_json(vocab))
    write("tokenizer_config.json", {
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": MAX_POSITIONS,
        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]",
        "mask_token": "[MASK]", "clean_up_tokenization_spaces": True,
    })
    write("config.json", {
        "model_type": "bert", "architectures": ["BertModel"], "vocab_size": len(vocab),
        "hidden_size": DIMS, "num_hidden_layers": 1, "num_attention_heads": 1,
        "intermediate_size": DIMS, "max_position_embeddings": MAX_POSITIONS, "type_vocab_size": 2,
        "pad_token_id": vocab["[PAD]"],
    })


if __name__ == "__main__":
    main()
