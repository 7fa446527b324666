/**
 * Data set checks: {@link org.classify4j.data.check.DataChecks} looks for label imbalance, rare
 * and unused labels, empty texts, exact and normalized duplicates, equal texts with different
 * labels, train/test overlap and test labels unseen in training, and describes text lengths; the
 * {@link org.classify4j.data.check.DataCheckReport} prints for people or as JSON.
 */
package org.classify4j.data.check;
