package io.baobei.notification;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.baobei.identity.UserDirectory;

/** The configured channels and this node's delivery worker, polling the outbox on a fixed delay. */
@Configuration
@EnableScheduling
class NotificationConfig {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfig.class);

    private DeliveryWorker worker;
    private boolean enabled;

    @Bean
    DeliveryChannels deliveryChannels(NotificationProperties settings, ObjectProvider<JavaMailSender> mail,
                                      MessageTemplates templates, ObjectMapper json, UserDirectory directory,
                                      Clock clock) {
        DeliveryChannels channels = DeliveryChannels.from(settings, mail.getIfAvailable(), templates,
                new JsonHttp(json), directory, clock);
        log.info("notification channels: {}", channels.channels().isEmpty() ? "none (in-app only)" : channels.channels());
        return channels;
    }

    @Bean
    DeliveryWorker deliveryWorker(Outbox outbox, DeliveryChannels channels, PlatformTransactionManager transactions,
                                  NotificationProperties settings, UserDirectory directory, Clock clock) {
        worker = new DeliveryWorker(outbox, channels, new TransactionTemplate(transactions), settings.delivery(),
                directory, clock, nodeId());
        enabled = settings.delivery().enabled();
        return worker;
    }

    @Scheduled(fixedDelayString = "${baobei.notifications.delivery.interval:10s}",
            initialDelayString = "${baobei.notifications.delivery.interval:10s}")
    void poll() {
        if (!enabled || worker == null) {
            return;
        }
        try {
            // drain what is due, a batch at a time
            int tried;
            do {
                tried = worker.runOnce();
            } while (tried > 0);
        } catch (RuntimeException e) {
            log.warn("notification delivery poll failed; next poll in the usual interval", e);
        }
    }

    /** process id @ host plus a random suffix: tells the attempts of two nodes (or two restarts) apart */
    private static String nodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "#"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    }
}
