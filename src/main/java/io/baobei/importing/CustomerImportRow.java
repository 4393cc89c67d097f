package io.baobei.importing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.baobei.common.TextRules;

/** The outcome of one row of an import file, for the per-row report. */
@Entity
@Table(name = "customer_import_row")
public class CustomerImportRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long importId;
    /** 1-based data row number (the header is row 0) */
    private int rowNumber;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ImportOutcome outcome;
    private String companyName;
    private Long customerId;
    private Long duplicateOf;
    private String reasons;
    private String message;

    protected CustomerImportRow() {
    }

    CustomerImportRow(Long importId, int rowNumber, ImportOutcome outcome, String companyName, Long customerId,
                      Long duplicateOf, String reasons, String message) {
        this.importId = importId;
        this.rowNumber = rowNumber;
        this.outcome = outcome;
        // the report echoes the file, which may hold anything: no control characters (PostgreSQL refuses U+0000)
        this.companyName = companyName == null ? null
                : TextRules.replaceControlCharacters(companyName.substring(0, Math.min(200, companyName.length())));
        this.customerId = customerId;
        this.duplicateOf = duplicateOf;
        this.reasons = reasons;
        this.message = message == null ? null
                : TextRules.replaceControlCharacters(message.substring(0, Math.min(1000, message.length())));
    }

    public int getRowNumber() { return rowNumber; }
    public ImportOutcome getOutcome() { return outcome; }
    public String getCompanyName() { return companyName; }
    public Long getCustomerId() { return customerId; }
    public Long getDuplicateOf() { return duplicateOf; }
    public String getReasons() { return reasons; }
    public String getMessage() { return message; }
}
