export { createKafka, kafkaReachable } from './create-kafka.ts';
