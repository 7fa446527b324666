package org.classify4j.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import org.classify4j.Classify4jException;
import org.classify4j.app.Cancellation;
import org.classify4j.data.BadInputException;
import picocli.CommandLine;

/**
 * The exit codes of the command line, and which exception gets which. Exceptions are mapped here,
 * at the edge, and nowhere else.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Anything not covered below: a bug or an unexpected environment problem. */
  public static final int FAILURE = 1;
  /** The command line itself is wrong (unknown option, missing argument, bad value type). */
  public static final int USAGE = 2;
  /** The input or configuration is wrong: bad data line, unknown method/parameter/project, missing file. */
  public static final int BAD_INPUT = 3;
  /** A backend failed: an LLM server, an embedding model's native runtime. */
  public static final int BACKEND = 4;
  /** Stopped by Ctrl-C (128 + SIGINT); what was written before is complete. */
  public static final int INTERRUPTED = 130;

  /**
   * Backend exception types, by simple name (their modules are optional at run time, so no class
   * literals): the chat-model family of core's llm package, ONNX Runtime's and DJL's native errors.
   */
  private static final Set<String> BACKEND_TYPES =
      Set.of(
          "ChatModelException",
          "BackendException",
          "EmbedderException",
          "OrtException",
          "EngineException");

  private ExitCodes() {}

  /** The exit code for an exception thrown while a command ran. */
  public static int of(Throwable t) {
    if (t instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Cancellation.Cancelled) {
        return INTERRUPTED;
      }
      if (c instanceof OutOfMemoryError
          || c instanceof org.classify4j.app.PredictionOutput.StandardOutputError) {
        return FAILURE;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (isBackend(c)) {
        return BACKEND;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BadInputException
          || c instanceof NoSuchFileException
          || c instanceof FileNotFoundException
          || c instanceof AccessDeniedException) {
        return BAD_INPUT;
      }
    }
    if (t instanceof Classify4jException || t instanceof IllegalArgumentException) {
      return BAD_INPUT;
    }
    return FAILURE;
  }

  static boolean isBackend(Throwable t) {
    for (Class<?> k = t.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
      if (BACKEND_TYPES.contains(k.getSimpleName())) {
        return true;
      }
    }
    return false;
  }

  /** One line saying what went wrong, for stderr. */
  public static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        return "out of memory" + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")
            + ": give Java more with CLASSIFY4J_JAVA_OPTS=-Xmx8g (or more), or lower --batch-size";
      }
      if (c instanceof org.classify4j.app.PredictionOutput.StandardOutputError) {
        return c.getMessage();
      }
    }
    Throwable shown = t;
    // wrappers that add nothing: show what they wrap
    while ((shown instanceof UncheckedIOException
            || shown instanceof CommandLine.ExecutionException
            || shown.getMessage() == null)
        && shown.getCause() != null
        && shown.getCause() != shown) {
      if (shown instanceof UncheckedIOException && shown.getMessage() != null
          && !(shown.getCause() instanceof FileSystemException)) {
        break;
      }
      shown = shown.getCause();
    }
    String msg;
    if (shown instanceof NoSuchFileException) {
      msg = shown.getMessage() + ": no such file";
    } else if (shown instanceof AccessDeniedException) {
      msg = shown.getMessage() + ": permission denied";
    } else if (shown instanceof FileSystemException fse && fse.getReason() != null) {
      msg = fse.getFile() + ": " + fse.getReason();
    } else if (shown.getMessage() == null || shown.getMessage().isBlank()) {
      msg = shown.getClass().getSimpleName();
    } else if (shown instanceof Classify4jException || shown instanceof java.io.IOException
        || shown instanceof IllegalArgumentException) {
      msg = shown.getMessage();
    } else {
      msg = shown.getClass().getSimpleName() + ": " + shown.getMessage();
    }
    return oneLine(msg);
  }

  static String oneLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip() + " …";
  }
}
