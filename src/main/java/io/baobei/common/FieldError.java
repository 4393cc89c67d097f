package io.baobei.common;

/** One refused input field, with a message shown to the user (Chinese). */
public record FieldError(String field, String message) {
}
