package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The in-toto statement of an evaluation report after its signature and shape were verified: the one subject
 * ({@code modelId} with the lineage hash it claims) and the predicate. Whether the subject is a registered version
 * with that lineage hash is checked against the database by {@link EvaluationService}.
 */
public record EvaluationStatement(String modelId, String lineageHash, String reportId, String objective,
                                  EvaluationReport.Verdict verdict, ObjectNode metrics, String evaluator,
                                  String createdAt) {
}
