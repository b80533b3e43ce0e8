package dev.skewguard.agent.config;

/** What the agent sends as predictions ({@code predictions} option). */
public enum Predictions {
    /** Class ids: score vectors are reduced to their argmax by the agent (far less data). */
    INDICES,
    /** The score vectors themselves, FLOAT32 [N, C]. */
    SCORES
}
