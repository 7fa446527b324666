package org.classify4j.onnx;

/** How token vectors become one sentence vector. */
public enum Pooling {
  /** Average of the token vectors under the attention mask (sentence-transformers MiniLM, e5). */
  MEAN,
  /** The first token's vector, [CLS] (bge). */
  CLS
}
