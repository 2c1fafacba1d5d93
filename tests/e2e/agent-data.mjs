// Streams `agent::update` data (streams-harness.md §6): configuration once,
// snapshots built from an agent state and a list of contacts. Timestamps are
// ISO strings here; the fake CCP turns them into Dates.
const I = "arn:aws:connect:us-east-1:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const AGENT_ID = "11111111-2222-3333-4444-555555555555";
export const QUEUE = { name: "BasicQueue", queueARN: `${I}/queue/q-basic`, queueId: `${I}/queue/q-basic` };
const STATES = {
  Available: { agentStateARN: `${I}/agent-state/available`, type: "routable", name: "Available" },
  Offline: { agentStateARN: `${I}/agent-state/offline`, type: "offline", name: "Offline" },
};
export const configuration = {
  name: "Test Agent", username: "tagent", agentARN: `${I}/agent/${AGENT_ID}`, softphoneEnabled: true,
  extension: null, permissions: ["outboundCall"], dialableCountries: ["us"], agentPreferences: { LANGUAGE: "en_US" },
  agentStates: Object.values(STATES),
  routingProfile: {
    name: "Basic Routing Profile", routingProfileARN: `${I}/routing-profile/rp-1`, routingProfileId: `${I}/routing-profile/rp-1`,
    defaultOutboundQueue: QUEUE,
    queues: [QUEUE, { name: null, queueARN: `${I}/queue/agent/${AGENT_ID}`, queueId: `${I}/queue/agent/${AGENT_ID}` }],
    channelConcurrencyMap: { VOICE: 1, CHAT: 2, TASK: 0 },
  },
};

const now = () => new Date().toISOString();

/** One connection of `contactId`'s contact, as Streams' agent snapshot has it. */
function leg(contactId, id, type, initial, endpoint, st, chatMediaInfo = null) {
  return {
    connectionId: `${contactId}-${id}`, type, initial, endpoint, state: { type: st, timestamp: now() },
    softphoneMediaInfo: null, chatMediaInfo, mute: false, monitoringInfo: null, quickConnectName: null,
  };
}
const AGENT_END = { type: "agent", phoneNumber: null, name: null, endpointARN: null, agentLogin: null, queue: null };
const phoneEnd = (phoneNumber) => ({ type: "phone_number", phoneNumber, name: null, endpointARN: null, agentLogin: null, queue: null });

export function voiceContact(contactId, phoneNumber, state = "connecting") {
  return {
    contactId, initialContactId: contactId, type: "voice", initiationMethod: "inbound",
    state: { type: state, timestamp: now() }, queue: QUEUE, queueTimestamp: now(), contactDuration: "0",
    attributes: { orderId: { name: "orderId", value: "A-42" } },
    name: null, description: null, references: null, segmentAttributes: null, contactFeatures: null, channelContext: null,
    connections: [
      leg(contactId, "agent", "agent", false, AGENT_END, state === "connected" ? "connected" : "connecting"),
      leg(contactId, "customer", "inbound", true, phoneEnd(phoneNumber), "connected"),
    ],
  };
}

export function chatContact(contactId, state = "connected") {
  return {
    contactId, initialContactId: contactId, type: "chat", initiationMethod: "api",
    state: { type: state, timestamp: now() }, queue: QUEUE, queueTimestamp: now(), contactDuration: "0",
    attributes: {}, name: null, description: null, references: null, segmentAttributes: null, contactFeatures: null, channelContext: null,
    connections: [
      leg(contactId, "agent", "agent", false, AGENT_END, state,
        { chatAutoAccept: false, connectionData: JSON.stringify({ ConnectionAuthenticationToken: "tok" }) }),
      leg(contactId, "customer", "inbound", true, phoneEnd(null), "connected"),
    ],
  };
}

export function taskContact(contactId, state = "connected") {
  return {
    contactId, initialContactId: contactId, type: "task", initiationMethod: "api",
    state: { type: state, timestamp: now() }, queue: QUEUE, queueTimestamp: now(), contactDuration: "0",
    attributes: {}, name: "Call back Pat", description: "about order A-42",
    references: { Order: { type: "URL", value: "https://example.com/orders/A-42" } },
    segmentAttributes: null, contactFeatures: null, channelContext: null,
    connections: [
      leg(contactId, "agent", "agent", false, AGENT_END, state),
      leg(contactId, "customer", "inbound", true, phoneEnd(null), "connected"),
    ],
  };
}

export function agentData(contacts = [], stateName = "Available") {
  return {
    configuration,
    snapshot: {
      state: { ...STATES[stateName], startTimestamp: "2026-01-05T09:00:00.000Z" },
      agentAvailabilityState: { state: stateName, timeStamp: "2026-01-05T09:00:00.000Z" },
      nextState: null, snapshotTimestamp: now(), localTimestamp: 0, skew: 0, contacts,
    },
  };
}
