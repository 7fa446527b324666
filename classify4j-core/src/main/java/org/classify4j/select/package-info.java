/**
 * Model selection: seeded splitters ({@link org.classify4j.select.StratifiedKFold}, {@link
 * org.classify4j.select.IterativeStratification}, {@link org.classify4j.select.TrainValidationSplit},
 * {@link org.classify4j.select.FewShotSampler}), {@link org.classify4j.select.CrossValidation}, a
 * parallel and deterministic {@link org.classify4j.select.GridSearch}, and {@link
 * org.classify4j.select.DecisionTuning} of decision rules on validation data.
 */
package org.classify4j.select;
