/**
 * Distilling an LLM's labels into a fast classifier: {@link org.classify4j.distill.Distiller}
 * trains a logistic head on embeddings from a label file, chooses the threshold for a target
 * precision or recall on a human-audited sample, and reports the trade-off against the LLM
 * ({@link org.classify4j.distill.DistillReport}); {@link org.classify4j.distill.Leakage} guards
 * against tuning on test data and overlapping samples. See docs/llm-labeling.md.
 */
package org.classify4j.distill;
