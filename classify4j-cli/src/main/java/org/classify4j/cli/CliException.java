package org.classify4j.cli;

import org.classify4j.Classify4jException;

/**
 * A problem with what the user asked for that picocli cannot see: conflicting or missing options,
 * an unknown project, a bad config file. Exit code 3, one line on stderr.
 */
public class CliException extends Classify4jException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
