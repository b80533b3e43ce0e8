package dev.skewguard.examples.dl4j;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntConsumer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The batches of a list, one per {@link #next()}, in order. DL4J's own {@code ListDataSetIterator} does the same but
 * moved package between releases ({@code datasets.iterator.impl} in 1.0.0-beta7, {@code datasets.iterator.utilty}
 * in 1.0.0-M2.x); this one compiles against every release the agent supports. Not asynchronous: DL4J fits it on the
 * calling thread.
 */
final class BatchList implements DataSetIterator {
    private final List<DataSet> batches;
    private final IntConsumer handedOut;
    private DataSetPreProcessor preProcessor;
    private int next;

    BatchList(List<DataSet> batches) {
        this(batches, index -> { });
    }

    /** {@code handedOut}: told the index of each batch {@link #next()} returns, before it returns it. */
    BatchList(List<DataSet> batches, IntConsumer handedOut) {
        this.batches = batches;
        this.handedOut = handedOut;
    }

    @Override
    public boolean hasNext() {
        return next < batches.size();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no batch left: call reset()");
        }
        handedOut.accept(next);
        DataSet batch = batches.get(next++);
        if (preProcessor != null) {
            batch = batch.copy();
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** One batch, whatever {@code num} asks: the batches are already made. */
    @Override
    public DataSet next(int num) {
        return next();
    }

    @Override
    public int inputColumns() {
        return (int) batches.get(0).getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) batches.get(0).getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        next = 0;
    }

    @Override
    public int batch() {
        return batches.isEmpty() ? 0 : batches.get(0).numExamples();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
