package dev.skewguard.it.apps;

import java.util.AbstractList;

/**
 * A test application whose "training steps" hand the agent values it cannot read: a String, null, and a List that
 * throws when read. One step is readable. Run in a child JVM by AdviceErrorIT, with and without the agent.
 */
public final class UnreadableValuesApp {
    /** The methods option that points the agent at each step. */
    public static final String METHODS = "dev.skewguard.it.apps.UnreadableValuesApp$Steps#unsupported:labels=arg0;"
            + "dev.skewguard.it.apps.UnreadableValuesApp$Steps#nullLabels:labels=arg0,predictions=return;"
            + "dev.skewguard.it.apps.UnreadableValuesApp$Steps#throwingList:labels=arg0;"
            + "dev.skewguard.it.apps.UnreadableValuesApp$Steps#good:labels=arg0,predictions=arg1";
    public static final int ROUNDS = 50;

    private UnreadableValuesApp() {
    }

    public static void main(String[] args) {
        Steps steps = new Steps();
        long checksum = 0;
        for (int i = 0; i < ROUNDS; i++) {
            checksum += steps.unsupported("labels as text", i);
            checksum += steps.nullLabels(null, i)[0];
            checksum += steps.throwingList(new ExplodingList(), i);
            checksum += steps.good(new int[] {i % 2, 1, 1}, new int[] {0, 1, 1});
        }
        System.out.println("checksum " + checksum);
        System.out.println("done");
    }

    /** The instrumented methods. */
    public static final class Steps {
        public int unsupported(String labels, int i) {
            return labels.length() + i;
        }

        public int[] nullLabels(int[] labels, int i) {
            return new int[] {labels == null ? i : -1};
        }

        public int throwingList(java.util.List<Integer> labels, int i) {
            return 2 * i;
        }

        public int good(int[] labels, int[] predictions) {
            return labels.length + predictions.length;
        }
    }

    /** A list that fails whenever someone reads it (the application never does). */
    static final class ExplodingList extends AbstractList<Integer> {
        @Override
        public Integer get(int index) {
            throw new IllegalStateException("this list cannot be read");
        }

        @Override
        public int size() {
            return 3;
        }
    }
}
