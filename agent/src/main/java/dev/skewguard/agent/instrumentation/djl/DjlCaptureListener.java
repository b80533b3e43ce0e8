package dev.skewguard.agent.instrumentation.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.stop.SkewguardStopException;
import java.util.Map;

/**
 * The agent's own DJL training listener. {@link NotifyListenersAdvice} hands it to every
 * {@code Trainer#notifyListeners} call, after the user's listeners, so it sees every training and validation batch
 * of EasyTrain and of any loop that notifies listeners, once, with its mode. It is never added to a trainer's
 * listener list. A helper that names DJL types: defined beside DJL by {@link DjlHelpers}. A stop (on_stop=throw)
 * is thrown before a batch is recorded: in EasyTrain that is before the batch's {@code Trainer#step}, so the batch
 * it interrupts is neither counted nor stepped.
 */
public final class DjlCaptureListener implements TrainingListener {
    public static final DjlCaptureListener INSTANCE = new DjlCaptureListener();

    private DjlCaptureListener() {
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        capture(CaptureMode.TRAIN, trainer, batchData);
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        capture(CaptureMode.EVAL, trainer, batchData);
    }

    private static void capture(CaptureMode mode, Trainer trainer, BatchData batchData) {
        try {
            Object loss = trainer == null ? null : trainer.getLoss();
            Map<Device, NDList> labels = batchData.getLabels();
            Map<Device, NDList> predictions = batchData.getPredictions();
            for (Map.Entry<Device, NDList> split : labels.entrySet()) {
                DjlCapture.capture(mode, split.getValue(), predictions.get(split.getKey()), loss);
            }
        } catch (SkewguardStopException stop) {
            throw stop;
        } catch (Throwable t) {
            Capture.adviceError(DjlCapture.FRAMEWORK, t);
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
    }
}
