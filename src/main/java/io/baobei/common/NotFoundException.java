package io.baobei.common;

/** The object does not exist or is outside the caller's scope; both answer 404 with no data. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " 不存在或无权查看");
    }
}
