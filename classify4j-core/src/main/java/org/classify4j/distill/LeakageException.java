package org.classify4j.distill;

import org.classify4j.Classify4jException;

/**
 * Refused: fitting or tuning would use test data, or the data sets meant to be apart share
 * documents. The message says which files or ids and how to fix it.
 */
public class LeakageException extends Classify4jException {
  private static final long serialVersionUID = 1L;

  public LeakageException(String message) {
    super(message);
  }
}
