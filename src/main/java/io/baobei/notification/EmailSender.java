package io.baobei.notification;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import io.baobei.identity.UserDirectory;

/** Email through Spring Mail to the address of the user's profile in the identity service. */
class EmailSender implements ChannelSender {

    private final JavaMailSender mail;
    private final String from;
    private final UserDirectory directory;

    EmailSender(JavaMailSender mail, String from, UserDirectory directory) {
        this.mail = mail;
        this.from = from;
        this.directory = directory;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(Outbox.Row message, String team) throws DeliveryException {
        String to = directory.email(message.recipient());
        if (to == null) {
            throw new DeliveryException("用户 " + message.recipient() + " 没有邮箱地址", true);
        }
        SimpleMailMessage mailMessage = new SimpleMailMessage();
        mailMessage.setFrom(from);
        mailMessage.setTo(to);
        mailMessage.setSubject("【报备系统】" + message.title());
        mailMessage.setText(message.body() + "\n\n打开：" + message.link() + "\n\n（此邮件由报备系统自动发送，请勿回复。）");
        try {
            mail.send(mailMessage);
        } catch (MailException e) {
            throw new DeliveryException("邮件发送失败：" + e.getMessage(), e);
        }
        return "已发送到 " + to;
    }
}
