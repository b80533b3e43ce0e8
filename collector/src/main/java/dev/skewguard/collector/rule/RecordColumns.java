package dev.skewguard.collector.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record at a time, read into class-id columns for {@link ClassImbalanceRule}: its label tensors (names matching
 * labels_regex) and prediction tensors (names matching predictions_regex), each sorted by name and paired first with
 * first, checked (shapes, class ids, as many labels as predictions) and converted (argmax of score vectors). A bad
 * record is told to {@link Problems} and not counted. Scratch space is reused by every record: {@link #clear} after
 * each. Not thread-safe.
 */
final class RecordColumns {
    /** Where a record's problems go: bad data (the record is skipped), or a parameter the data needs. */
    interface Problems {
        void dataError(Record record, String message);

        void configurationError(String message);
    }

    private static final int LABEL = 1;
    private static final int PREDICTION = 2;
    private static final int MAX_CACHED_NAMES = 4096;

    private final RuleParameters parameters;
    /** The distinct tensor names seen, the first {@link ClassImbalanceRule#MAX_NAMES_KEPT} (the rule's, stored). */
    private final Set<String> namesSeen;
    private final Problems problems;
    private final Map<String, Integer> nameRoles = new HashMap<>();
    private final List<Tensor> labelTensors = new ArrayList<>(4);
    private final List<Tensor> predictionTensors = new ArrayList<>(4);
    private ClassIds[] labelIds = new ClassIds[4];
    private ClassIds[] predictionIds = new ClassIds[4];
    private final ClassIds.FloatScratch floatScratch = new ClassIds.FloatScratch();
    private long[] labelScratch = new long[256];
    private long[] predictionScratch = new long[256];
    private int pairs;

    RecordColumns(RuleParameters parameters, Set<String> namesSeen, Problems problems) {
        this.parameters = parameters;
        this.namesSeen = namesSeen;
        this.problems = problems;
    }

    /** Finds the record's label and prediction tensors; false when no tensor name matched either regex. */
    boolean match(Record record) {
        List<Tensor> tensors = record.tensors();
        for (int i = 0, n = tensors.size(); i < n; i++) {
            Tensor t = tensors.get(i);
            int role = role(t.name());
            if ((role & LABEL) != 0) {
                labelTensors.add(t);
            }
            if ((role & PREDICTION) != 0) {
                predictionTensors.add(t);
            }
        }
        return !labelTensors.isEmpty() || !predictionTensors.isEmpty();
    }

    /**
     * Pairs the matched tensors and reads them into columns (labels only when the record has no prediction
     * tensor); false, with the problem told, when the record is bad.
     */
    boolean read(Record record) {
        pairs = labelTensors.size();
        boolean labelsOnly = predictionTensors.isEmpty();
        if (!labelsOnly && pairs != predictionTensors.size()) {
            problems.dataError(record, pairs + " label tensor(s) " + names(labelTensors) + " but "
                    + predictionTensors.size() + " prediction tensor(s) " + names(predictionTensors));
            return false;
        }
        if (pairs > 1) {
            labelTensors.sort(Comparator.comparing(Tensor::name));
            predictionTensors.sort(Comparator.comparing(Tensor::name));
        }
        if (pairs > labelIds.length) {
            labelIds = new ClassIds[pairs];
            predictionIds = new ClassIds[pairs];
        }
        for (int k = 0; k < pairs; k++) {
            if (labelsOnly ? !readLabels(record, k) : !readPair(record, k)) {
                return false;
            }
        }
        return true;
    }

    /** Counts every pair {@link #read} into {@code state}. */
    void countInto(ModeState state) {
        for (int k = 0; k < pairs; k++) {
            count(state, labelIds[k], predictionIds[k]);
        }
    }

    /** Drops every reference to the record (its buffers are up to 16 MiB each). */
    void clear() {
        labelTensors.clear();
        predictionTensors.clear();
        Arrays.fill(labelIds, null);
        Arrays.fill(predictionIds, null);
        pairs = 0;
    }

    private int role(String name) {
        Integer cached = nameRoles.get(name);
        if (cached != null) {
            return cached;
        }
        int role = (parameters.labelsPattern().matcher(name).find() ? LABEL : 0)
                | (parameters.predictionsPattern().matcher(name).find() ? PREDICTION : 0);
        if (namesSeen.size() < ClassImbalanceRule.MAX_NAMES_KEPT) {
            namesSeen.add(name);
        }
        if (nameRoles.size() < MAX_CACHED_NAMES) {
            nameRoles.put(name, role);
        }
        return role;
    }

    /** Reads and checks label tensor k (a record without predictions) into labelIds[k]; false if it is bad. */
    private boolean readLabels(Record record, int k) {
        Tensor labels = labelTensors.get(k);
        String error = ClassIds.shapeError(labels);
        if (error != null) {
            problems.dataError(record, error);
            return false;
        }
        ClassIds column = ClassIds.isIdShape(labels) ? ClassIds.direct(labels) : ClassIds.argmax(labels, floatScratch);
        error = column.validate(parameters.numClasses());
        if (error != null) {
            problems.dataError(record, error);
            return false;
        }
        labelIds[k] = column;
        predictionIds[k] = null;
        return true;
    }

    /** Reads and checks pair k into labelIds[k], predictionIds[k]; false (error counted) if the record is bad. */
    private boolean readPair(Record record, int k) {
        Tensor labels = labelTensors.get(k);
        Tensor predictions = predictionTensors.get(k);
        String shapeError = ClassIds.shapeError(labels);
        if (shapeError == null) {
            shapeError = ClassIds.shapeError(predictions);
        }
        if (shapeError != null) {
            problems.dataError(record, shapeError);
            return false;
        }
        ClassIds labelColumn = ClassIds.isIdShape(labels) ? ClassIds.direct(labels)
                : ClassIds.argmax(labels, floatScratch);
        ClassIds predictionColumn;
        if (predictions == labels) {
            predictionColumn = labelColumn; // one tensor matching both regexes: its predictions are its labels
        } else if (ClassIds.isIdShape(predictions)) {
            predictionColumn = ClassIds.direct(predictions);
        } else if (parameters.argmax()) {
            predictionColumn = ClassIds.argmax(predictions, floatScratch);
        } else {
            problems.configurationError("tensor \"" + predictions.name() + "\": predictions are score vectors over "
                    + predictions.dim(1) + " classes (shape " + Arrays.toString(predictions.shape())
                    + "): set argmax=true");
            return false;
        }
        if (labelColumn.rows != predictionColumn.rows) {
            problems.dataError(record, "labels \"" + labels.name() + "\" have " + labelColumn.rows
                    + " values but predictions \"" + predictions.name() + "\" have " + predictionColumn.rows);
            return false;
        }
        String error = labelColumn.validate(parameters.numClasses());
        if (error == null && predictions != labels) {
            error = predictionColumn.validate(0);
        }
        if (error != null) {
            problems.dataError(record, error);
            return false;
        }
        labelIds[k] = labelColumn;
        predictionIds[k] = predictionColumn;
        return true;
    }

    /** Counts one pair; {@code predictions} null: labels without predictions. */
    private void count(ModeState state, ClassIds labels, ClassIds predictions) {
        int n = labels.rows;
        if (predictions != null && labels.isUint8Ids() && predictions.isUint8Ids()) {
            state.countUint8(labels.data(), predictions.data(), n);
            return;
        }
        if (labelScratch.length < n) {
            labelScratch = new long[n];
            predictionScratch = new long[n];
        }
        labels.readInto(labelScratch);
        if (predictions == null) {
            state.countUnpredicted(labelScratch, n);
            return;
        }
        predictions.readInto(predictionScratch);
        state.countIds(labelScratch, predictionScratch, n);
    }

    private static String names(List<Tensor> tensors) {
        List<String> names = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            names.add(t.name());
        }
        return names.toString();
    }
}
