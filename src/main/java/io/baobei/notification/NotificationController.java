package io.baobei.notification;

import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.identity.UserDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 通知 over REST: everyone their own notifications; admins the delivery failures. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "通知", description = "本人的站内通知、未读数、标记已读；管理员查看投递失败")
public class NotificationController {

    private final Notifications notifications;
    private final UserDirectory directory;

    public NotificationController(Notifications notifications, UserDirectory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    /** A page of one's notifications with the unread count (of all pages). */
    public record NotificationPage(List<Notifications.View> content, int page, int size, long totalElements,
                                   int totalPages, long unread) {
    }

    @GetMapping
    @Operation(summary = "我的通知（分页）", description = "本人的通知，最新的在前；unread 为全部未读条数。每页最多 100 条。")
    public NotificationPage list(@RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size) {
        String user = directory.currentActor().username();
        Page<Notifications.View> result = notifications.of(user, page, size);
        return new NotificationPage(result.getContent(), result.getNumber(), result.getSize(),
                result.getTotalElements(), result.getTotalPages(), notifications.unread(user));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "标记一条通知为已读", description = "只能标记本人的通知；他人的通知与不存在的一样返回 404。")
    public Notifications.View read(@PathVariable Long id) {
        return notifications.markRead(directory.currentActor().username(), id);
    }

    @PostMapping("/read-all")
    @Operation(summary = "全部标记为已读", description = "返回本次标记的条数。")
    public Map<String, Integer> readAll() {
        return Map.of("marked", notifications.markAllRead(directory.currentActor().username()));
    }

    /** The failures as admins page through them. */
    public record FailurePage(List<DeliveryFailure> content, int page, int size, long totalElements) {
    }

    @GetMapping("/failures")
    @Operation(summary = "投递失败（管理员）", description = "每次失败的投递尝试：收件人、事件、渠道、节点、原因，以及该消息现在的状态"
            + "（PENDING 将重试，DELIVERED 后来已送达，FAILED 已放弃）。最新的在前。非管理员 403。")
    public FailurePage failures(@RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "20") int size) {
        directory.currentAdmin();
        int pageSize = Math.min(Math.max(size, 1), Notifications.MAX_PAGE_SIZE);
        return new FailurePage(notifications.failures(page, pageSize), Math.max(page, 0), pageSize,
                notifications.failureCount());
    }
}
