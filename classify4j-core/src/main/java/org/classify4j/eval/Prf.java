package org.classify4j.eval;

/** Precision, recall and F1 (one label, or one average). */
public record Prf(double precision, double recall, double f1) {}
