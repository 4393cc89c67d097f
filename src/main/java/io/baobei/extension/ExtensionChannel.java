package io.baobei.extension;

/** Where a request came from: the REST API answers its requester at once, the follow-up task does not. */
public enum ExtensionChannel {
    API, TASKLIST
}
