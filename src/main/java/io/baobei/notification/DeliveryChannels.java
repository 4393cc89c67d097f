package io.baobei.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.mail.javamail.JavaMailSender;

import io.baobei.identity.UserDirectory;

/** The channels configured on this node; an unconfigured channel has no sender and gets no outbox rows. */
class DeliveryChannels {

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

    DeliveryChannels(List<ChannelSender> senders) {
        senders.forEach(s -> this.senders.put(s.channel(), s));
    }

    static DeliveryChannels from(NotificationProperties settings, JavaMailSender mail, MessageTemplates templates,
                                 JsonHttp http, UserDirectory directory, Clock clock) {
        List<ChannelSender> senders = new ArrayList<>();
        if (mail != null) {
            if (settings.mail().from() == null) {
                throw new IllegalStateException("spring.mail.host is set but the sender address is not: set BAOBEI_MAIL_FROM"
                        + " (baobei.notifications.mail.from)");
            }
            senders.add(new EmailSender(mail, settings.mail().from(), directory));
        }
        if (settings.wecom().enabled()) {
            senders.add(new WecomAppSender(settings.wecom(), http, directory, clock));
        }
        if (settings.wecomRobot().enabled()) {
            senders.add(new RobotSender(Channel.WECOM_ROBOT, settings.wecomRobot(), templates, http, directory, clock));
        }
        if (settings.dingtalkRobot().enabled()) {
            senders.add(new RobotSender(Channel.DINGTALK_ROBOT, settings.dingtalkRobot(), templates, http, directory, clock));
        }
        return new DeliveryChannels(senders);
    }

    Set<Channel> channels() {
        return senders.keySet();
    }

    ChannelSender get(Channel channel) {
        return senders.get(channel);
    }

    List<ChannelSender> all() {
        return List.copyOf(senders.values());
    }

    boolean anyGroup() {
        return senders.keySet().stream().anyMatch(Channel::isGroup);
    }
}
