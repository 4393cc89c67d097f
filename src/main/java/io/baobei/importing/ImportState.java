package io.baobei.importing;

public enum ImportState {
    RUNNING, DONE, FAILED
}
