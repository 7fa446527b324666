package org.classify4j.app;

import java.nio.file.Path;
import java.util.List;
import org.classify4j.data.Dataset;
import org.classify4j.llm.label.AuditReport;
import org.classify4j.llm.label.LabelAudit;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LlmLabel;

/**
 * Audit: an LLM's labels against a human-labelled sample (agreement with intervals, per-label
 * precision and recall, disagreements). Refuses a sample that shares no document with the labels,
 * so an empty audit never reads as a clean one.
 */
public final class AuditService {
  private AuditService() {}

  public static AuditReport audit(Path llmFile, List<LlmLabel> labels, Path goldFile,
      Dataset gold, LabelAudit.Options options) {
    if (labels.isEmpty()) {
      throw new AppException(llmFile + ": no labels");
    }
    LabelFile.requireUniqueIds(llmFile, labels);
    if (gold.size() == 0) {
      throw new AppException(goldFile + ": no human-labelled documents to audit with");
    }
    AuditReport r = LabelAudit.run(labels, gold, options);
    if (r.matched() == 0) {
      throw new AppException("no document of " + goldFile + " is in " + llmFile
          + " (ids must match)");
    }
    return r;
  }
}
