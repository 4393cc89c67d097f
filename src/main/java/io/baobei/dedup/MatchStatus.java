package io.baobei.dedup;

/** The matched customer's relation to the person asking. */
public enum MatchStatus {
    OWNED_BY_OTHER("已由同事保护"),
    OWNED_BY_YOU("已在你名下"),
    IN_POOL("在公海池中"),
    CONVERTED("已成交");

    private final String label;

    MatchStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
