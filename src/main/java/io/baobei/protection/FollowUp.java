package io.baobei.protection;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 跟进记录: one recorded contact with a customer. */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long customerId;
    @Column(nullable = false)
    private String author;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FollowUpChannel channel;
    @Column(nullable = false)
    private String content;
    private LocalDate nextContactDate;
    @Column(nullable = false)
    private Instant createdAt;

    protected FollowUp() {
    }

    public FollowUp(Long customerId, String author, FollowUpChannel channel, String content,
                    LocalDate nextContactDate, Instant createdAt) {
        this.customerId = customerId;
        this.author = author;
        this.channel = channel;
        this.content = content;
        this.nextContactDate = nextContactDate;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public Long getCustomerId() { return customerId; }
    public String getAuthor() { return author; }
    public FollowUpChannel getChannel() { return channel; }
    public String getContent() { return content; }
    public LocalDate getNextContactDate() { return nextContactDate; }
    public Instant getCreatedAt() { return createdAt; }
}
