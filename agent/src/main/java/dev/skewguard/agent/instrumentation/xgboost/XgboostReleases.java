package dev.skewguard.agent.instrumentation.xgboost;

import static dev.skewguard.agent.instrumentation.releases.Requirement.method;

import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.List;

/**
 * The XGBoost4J releases {@link XgboostInstrumentation} supports (both ends run in the test suite), and the members
 * its advice uses.
 */
final class XgboostReleases {
    private static final String BOOSTER = "ml.dmlc.xgboost4j.java.Booster";
    private static final String DMATRIX = "ml.dmlc.xgboost4j.java.DMatrix";

    private XgboostReleases() {
    }

    static SupportedReleases supported() {
        return SupportedReleases.of("XGBoost4J", "ml.dmlc", List.of("xgboost4j_2.12", "xgboost4j_2.13"), BOOSTER,
                        "1.7.6", "3.4.0", "XGBoost4J's boosting rounds are not captured")
                .needs(method(BOOSTER, "update", DMATRIX, "int"),
                        method(BOOSTER, "evalSet", DMATRIX + "[]", "java.lang.String[]", "int"),
                        method(BOOSTER, "predict", DMATRIX).returning("float[][]"),
                        method(DMATRIX, "getLabel").returning("float[]"));
    }
}
