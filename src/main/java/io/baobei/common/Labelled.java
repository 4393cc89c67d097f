package io.baobei.common;

/** A choice with a Chinese label that people see and may type instead of its code (see {@link Choices}). */
public interface Labelled {

    String label();
}
