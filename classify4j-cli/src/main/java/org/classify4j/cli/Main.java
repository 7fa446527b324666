package org.classify4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.classify4j.Version;
import org.classify4j.app.Cancellation;
import org.classify4j.app.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code classify4j} command. Subcommands are {@link Callable}s returning 0; every failure is
 * an exception mapped to an exit code in one place ({@link ExitCodes}) and reported as one line on
 * stderr (with the stack trace under {@code --verbose}).
 */
@Command(
    name = "classify4j",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionInfo.class,
    usageHelpAutoWidth = true,
    description = {"Text classification with embeddings and LLMs."},
    subcommands = {
      ClassifyCommand.class,
      PromptCommand.class,
      TrainCommand.class,
      PredictCommand.class,
      EvalCommand.class,
      TuneCommand.class,
      CheckDataCommand.class,
      LabelCommand.class,
      AuditCommand.class,
      DistillCommand.class,
      NliPairsCommand.class,
      ModelsCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:unexpected failure",
      "2:usage error (unknown option, missing or malformed argument)",
      "3:bad input or configuration (data file, labels, method, parameter, project)",
      "4:backend failure (LLM server, embedding model runtime)",
      "130:interrupted (Ctrl-C): what was written is complete; predict continues with --resume"
    },
    footer = {"%nRun 'classify4j COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {

  final InputStream stdin;
  final Map<String, String> env;
  final boolean terminal;
  final Path workDir;
  final Path home;
  /** Set by Ctrl-C (the shutdown hook): running services stop after the batch in flight. */
  final Cancellation cancellation = new Cancellation();

  @Spec CommandSpec spec;

  /** The real process's context: System.in, the environment, the working and home directories. */
  public Main() {
    this(System.in, System.getenv(), isTerminal(), Path.of(""),
        Path.of(System.getProperty("user.home", ".")));
  }

  /** A context for running in-process (tests, embedding the CLI in another program). */
  public Main(InputStream stdin, Map<String, String> env, boolean terminal, Path workDir, Path home) {
    this.stdin = stdin;
    this.env = Map.copyOf(env);
    this.terminal = terminal;
    this.workDir = workDir;
    this.home = home;
  }

  public static void main(String[] args) {
    configureLogging(args);
    // System.out is a PrintStream, which swallows write errors (a full disk, a closed pipe): the
    // command writes to the file descriptor itself, so that checkError() sees them
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Main main = new Main();
    CountDownLatch finished = new CountDownLatch(1);
    Interrupts.install(main.cancellation, finished, err);
    int code;
    try {
      code = main.commandLine(out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
      finished.countDown();
    }
    // no native call runs any more: the JVM's shutdown hooks (ONNX Runtime releases its
    // environment in one) may run now
    System.exit(code);
  }

  /** How long Ctrl-C waits for the batch in flight before the JVM exits regardless. */
  static final long SHUTDOWN_GRACE_SECONDS = 60;

  /** slf4j-simple reads its level once, when the first logger is made: set it before. */
  static void configureLogging(String[] args) {
    List<String> a = List.of(args);
    String level =
        a.contains("-v") || a.contains("--verbose")
            ? "debug"
            : a.contains("-q") || a.contains("--quiet") ? "error" : "warn";
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    if (!level.equals("debug")) {
      // DJL probes for CUDA and warns when there is none: not news on a CPU machine
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
    }
  }

  /** A configured picocli {@link CommandLine} writing to these streams. */
  public CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(this);
    // one-line summaries for the command list (their descriptions are paragraphs)
    summary(cl, "label", "Label an unlabeled file with an LLM (resumable, cached, budgeted).");
    summary(cl, "audit", "Audit an LLM's labels against a human-labelled sample.");
    summary(cl, "distill", "Train a fast classifier on an LLM's labels, tuned on an audit.");
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(parseResult -> {
      int code;
      try {
        code = new CommandLine.RunLast().execute(parseResult);
      } catch (OutOfMemoryError e) {
        throw new CommandLine.ExecutionException(cl, "out of memory", e);
      }
      // a PrintWriter swallows write errors (a full disk, a closed pipe): a run whose output did
      // not arrive has failed
      if (out.checkError() && code == ExitCodes.OK) {
        err.println("classify4j: error: cannot write to standard output (disk full or closed?)");
        err.flush();
        return ExitCodes.FAILURE;
      }
      return code;
    });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter e = commandLine.getErr();
          // keys are masked by value, whatever their format, in the line and the stack trace
          e.println(Secrets.mask("classify4j: error: " + ExitCodes.describe(ex), env));
          if (verbose(commandLine)) {
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            e.print(Secrets.mask(trace.toString(), env));
          }
          e.flush();
          return ExitCodes.of(ex);
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          PrintWriter e = c.getErr();
          e.println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
          e.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          e.flush();
          return ExitCodes.USAGE;
        });
    return cl;
  }

  private static void summary(CommandLine cl, String command, String line) {
    CommandLine sub = cl.getSubcommands().get(command);
    if (sub != null && sub.getCommandSpec().usageMessage().header().length == 0) {
      sub.getCommandSpec().usageMessage().header(line);
    }
  }

  private static boolean verbose(CommandLine c) {
    Object cmd = c.getCommand();
    return cmd instanceof CliCommand cc && cc.common != null && cc.common.verbose;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing command; one of: "
            + String.join(", ", spec.subcommands().keySet().stream()
                .filter(n -> !n.equals("help")).toList()));
  }

  static boolean isTerminal() {
    return System.console() != null;
  }

  /** {@code --version}: the library version and the JVM it runs on. */
  public static final class VersionInfo implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "classify4j " + Version.get(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
            + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"
      };
    }
  }
}
