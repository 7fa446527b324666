/**
 * Prediction writers: JSON lines and CSV/TSV of decided labels and scores, flushed per line. Above
 * {@code classify} (they write its predictions), so the data package below stays free of it.
 */
package org.classify4j.classify.io;
