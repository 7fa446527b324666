/**
 * The LLM as labeler: {@link org.classify4j.llm.label.LlmLabeler} labels unlabeled documents into
 * resumable {@link org.classify4j.llm.label.LabelFile}s (each label with its probability), with
 * what it spent in {@link org.classify4j.llm.label.LabelUsage}; {@link
 * org.classify4j.llm.label.LabelAudit} measures the labels against a human sample. See
 * docs/llm-labeling.md.
 */
package org.classify4j.llm.label;
