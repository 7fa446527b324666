package org.classify4j.app;

import org.classify4j.Classify4jException;

/**
 * A problem with what was asked that only the application layer can see: conflicting or missing
 * settings, an unknown project, a bad projects file, an output that would overwrite an input. Every
 * face reports it as the user's error (the CLI: exit code 3; the server: 400).
 */
public class AppException extends Classify4jException {
  private static final long serialVersionUID = 1L;

  public AppException(String message) {
    super(message);
  }

  public AppException(String message, Throwable cause) {
    super(message, cause);
  }
}
