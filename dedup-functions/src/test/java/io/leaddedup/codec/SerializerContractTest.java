package io.leaddedup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.events.LeadSource;
import io.leaddedup.events.RawEvent;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.relocation.NumberLead;
import io.leaddedup.relocation.NumberLeads;
import io.leaddedup.relocation.NumberLeadsSerializer;
import io.leaddedup.stage.phone.NumberEvent;
import io.leaddedup.status.LeadLedger;
import io.leaddedup.status.LeadLedgerSerializer;
import io.leaddedup.status.LeadSignal;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Nested;

/**
 * Flink's own contract test for serializers ({@code SerializerTestBase}: copies, sequences, reuse,
 * snapshot and restore, serializability, duplication) run on every hand-written serializer.
 * Records are compared field by field, as they have no {@code equals}.
 */
class SerializerContractTest {

    /** Field-by-field equality for the project's records, which define no equals. */
    private static final DeeplyEqualsChecker FIELD_BY_FIELD = new DeeplyEqualsChecker().withCustomCheck(
            (a, b) -> a != null && a.getClass().getPackageName().startsWith("io.leaddedup"),
            (a, b, checker) -> {
                try {
                    assertThat(b).usingRecursiveComparison().isEqualTo(a);
                    return true;
                } catch (AssertionError e) {
                    return false;
                }
            });

    private static <T> T fill(Class<T> type) {
        try {
            return ExplicitSerializersTest.filled(type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    abstract static class Contract<T> extends SerializerTestBase<T> {
        Contract() {
            super(FIELD_BY_FIELD);
        }

        @Override
        protected int getLength() {
            return -1;
        }
    }

    @Nested
    class NumberLeadsContract extends Contract<NumberLeads> {
        @Override
        protected TypeSerializer<NumberLeads> createSerializer() {
            return NumberLeadsSerializer.INSTANCE;
        }

        @Override
        protected Class<NumberLeads> getTypeClass() {
            return NumberLeads.class;
        }

        @Override
        protected NumberLeads[] getTestData() {
            NumberLeads empty = new NumberLeads();
            NumberLeads two = new NumberLeads();
            NumberLead inbound = fill(NumberLead.class);
            inbound.source = LeadSource.INBOUND;
            NumberLead mobile = fill(NumberLead.class);
            mobile.column = NumberColumn.MOBILE;
            mobile.relocatedHere = false;
            two.leads = new NumberLead[] {inbound, mobile};
            two.disqualificationsMayExist = true;
            return new NumberLeads[] {empty, two};
        }
    }

    @Nested
    class LeadLedgerContract extends Contract<LeadLedger> {
        @Override
        protected TypeSerializer<LeadLedger> createSerializer() {
            return LeadLedgerSerializer.INSTANCE;
        }

        @Override
        protected Class<LeadLedger> getTypeClass() {
            return LeadLedger.class;
        }

        @Override
        protected LeadLedger[] getTestData() {
            LeadLedger fresh = new LeadLedger();
            fresh.listId = "list-1";
            LeadLedger full = fill(LeadLedger.class);
            full.disqualifiedBy = new String[] {"+16789998212"};
            full.reportedFlags = new String[] {"DUPLICATE L2", "PROTECTED L3"};
            return new LeadLedger[] {fresh, full};
        }
    }

    @Nested
    class LeadSignalContract extends Contract<LeadSignal> {
        @Override
        protected TypeSerializer<LeadSignal> createSerializer() {
            return LeadSignalSerializer.INSTANCE;
        }

        @Override
        protected Class<LeadSignal> getTypeClass() {
            return LeadSignal.class;
        }

        @Override
        protected LeadSignal[] getTestData() {
            return new LeadSignal[] {new LeadSignal(), fill(LeadSignal.class)};
        }
    }

    @Nested
    class PhoneEventContract extends Contract<NumberEvent> {
        @Override
        protected TypeSerializer<NumberEvent> createSerializer() {
            return NumberEventSerializer.INSTANCE;
        }

        @Override
        protected Class<NumberEvent> getTypeClass() {
            return NumberEvent.class;
        }

        @Override
        protected NumberEvent[] getTestData() {
            return new NumberEvent[] {NumberEvent.of(fill(LeadAtNumber.class)),
                NumberEvent.of(fill(NumberDisposition.class))};
        }
    }

    @Nested
    class RawEventContract extends Contract<RawEvent> {
        @Override
        protected TypeSerializer<RawEvent> createSerializer() {
            return RawEventSerializer.INSTANCE;
        }

        @Override
        protected Class<RawEvent> getTypeClass() {
            return RawEvent.class;
        }

        @Override
        protected RawEvent[] getTestData() {
            return new RawEvent[] {new RawEvent(null, "{}"), fill(RawEvent.class)};
        }
    }
}
