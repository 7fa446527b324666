package org.classify4j.onnx;

/**
 * Keeps DJL's tokenizer loader offline. DJL ships the CPU build of the Hugging Face tokenizers
 * library inside its jar, but on a machine with CUDA it would look for (and try to download) a
 * CUDA build. Setting {@code RUST_FLAVOR=cpu} makes it use the one in the jar. A value the user set
 * (environment or system property) is left alone.
 */
public final class NativeSetup {
  private NativeSetup() {}

  public static void preferCpuTokenizers() {
    if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null) {
      System.setProperty("RUST_FLAVOR", "cpu");
    }
  }
}
