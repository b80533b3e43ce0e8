package dev.skewguard.collector.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.rule.ClassStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopClassesTest {
    /** 1,000 classes: class i has 1000 + i labels, 10 mispredicted; class 500 has 90% mispredicted. */
    private static List<ClassStats> thousandClasses() {
        List<ClassStats> classes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long count = 1000 + i;
            long wrong = i == 500 ? 900 : 10;
            classes.add(new ClassStats(i, count, wrong, (double) wrong / count));
        }
        return classes;
    }

    @Test
    void thousandClassesMakeKSeriesAndOneOtherBucketThatSumsTheRest() {
        List<ClassStats> all = thousandClasses();
        TopClasses.Selection selection = TopClasses.select(all, 20);
        assertEquals(20, selection.shown().size());
        TopClasses.Other other = selection.other().orElseThrow();
        assertEquals(980, other.classes());
        long total = all.stream().mapToLong(ClassStats::count).sum();
        long shown = selection.shown().stream().mapToLong(ClassStats::count).sum();
        assertEquals(total, shown + other.count(), "nothing lost or counted twice");
        long wrongTotal = all.stream().mapToLong(ClassStats::mispredicted).sum();
        long wrongShown = selection.shown().stream().mapToLong(ClassStats::mispredicted).sum();
        assertEquals(wrongTotal - wrongShown, other.mispredicted());
        assertEquals((double) other.mispredicted() / other.withPredictions(), other.mispredictionFraction());
    }

    @Test
    void theLargestTheSmallestAndTheWorstMispredictedComeFirst() {
        TopClasses.Selection selection = TopClasses.select(thousandClasses(), 3);
        assertEquals(List.of(999L, 0L, 500L), selection.shown().stream().map(ClassStats::classId).toList());
        assertEquals(997, selection.other().orElseThrow().classes());
    }

    @Test
    void kOfOneShowsTheLargestAndPutsEveryOtherClassInTheBucket() {
        TopClasses.Selection selection = TopClasses.select(thousandClasses(), 1);
        assertEquals(List.of(999L), selection.shown().stream().map(ClassStats::classId).toList());
        assertEquals(999, selection.other().orElseThrow().classes());
    }

    @Test
    void fewerClassesThanKAreAllShownWithNoBucket() {
        List<ClassStats> two = List.of(new ClassStats(0, 5, 1, 0.2), new ClassStats(1, 7, 0, 0));
        TopClasses.Selection selection = TopClasses.select(two, 20);
        assertEquals(two, selection.shown());
        assertTrue(selection.other().isEmpty());
    }

    @Test
    void kOutOfRangeIsOneClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopClasses.select(List.of(), 0));
        assertEquals("the number of classes with their own metric series must be 1..1000, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopClasses.checkK(1001));
    }
}
