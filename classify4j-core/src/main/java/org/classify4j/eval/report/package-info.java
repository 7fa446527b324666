/** Human-readable evaluation reports: a self-contained HTML page with inline SVG charts. */
package org.classify4j.eval.report;
