package io.baobei.duplicates;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the duplicate scan ({@code baobei.duplicates.scan.*}).
 *
 * @param batchRows how many key rows one job of the scan reads (one transaction, one step of the progress)
 * @param maxGroup  a key shared by more customers than this is skipped: such a key (a common character of trade
 *                  names, a switchboard number) says nothing about two customers being one company, and its pairs
 *                  grow with the square of its size; the duplicate check caps its candidates the same way
 */
@ConfigurationProperties(prefix = "baobei.duplicates.scan")
public record DuplicateScanProperties(Integer batchRows, Integer maxGroup) {

    public DuplicateScanProperties {
        batchRows = batchRows == null ? 20_000 : batchRows;
        maxGroup = maxGroup == null ? 50 : maxGroup;
        if (batchRows < 2 || maxGroup < 2 || maxGroup >= batchRows) {
            throw new IllegalArgumentException("baobei.duplicates.scan: batch-rows and max-group must be 2 or more,"
                    + " max-group below batch-rows");
        }
    }
}
