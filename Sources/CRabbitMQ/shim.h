#ifndef CRABBITMQ_SHIM_H
#define CRABBITMQ_SHIM_H
#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp.h>
#include <rabbitmq-c/framing.h>
#else
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_framing.h>
#endif

/* Swift cannot call C-variadic functions: SASL PLAIN login with fixed arguments. */
static inline amqp_rpc_reply_t chaoslab_login_plain(amqp_connection_state_t state, char const *vhost,
                                                    int channel_max, int frame_max, int heartbeat,
                                                    amqp_table_t const *properties, char const *username,
                                                    char const *password) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat, properties,
                                      AMQP_SASL_METHOD_PLAIN, username, password);
}

/* The method-number macros are casts, which Swift does not import; re-export them as constants. */
static const amqp_method_number_t CHAOSLAB_CONNECTION_CLOSE = AMQP_CONNECTION_CLOSE_METHOD;
static const amqp_method_number_t CHAOSLAB_CONNECTION_CLOSE_OK = AMQP_CONNECTION_CLOSE_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_CONNECTION_BLOCKED = AMQP_CONNECTION_BLOCKED_METHOD;
static const amqp_method_number_t CHAOSLAB_CONNECTION_UNBLOCKED = AMQP_CONNECTION_UNBLOCKED_METHOD;
static const amqp_method_number_t CHAOSLAB_CHANNEL_OPEN = AMQP_CHANNEL_OPEN_METHOD;
static const amqp_method_number_t CHAOSLAB_CHANNEL_OPEN_OK = AMQP_CHANNEL_OPEN_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_CHANNEL_FLOW = AMQP_CHANNEL_FLOW_METHOD;
static const amqp_method_number_t CHAOSLAB_CHANNEL_FLOW_OK = AMQP_CHANNEL_FLOW_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_CHANNEL_CLOSE = AMQP_CHANNEL_CLOSE_METHOD;
static const amqp_method_number_t CHAOSLAB_CHANNEL_CLOSE_OK = AMQP_CHANNEL_CLOSE_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_EXCHANGE_DECLARE = AMQP_EXCHANGE_DECLARE_METHOD;
static const amqp_method_number_t CHAOSLAB_EXCHANGE_DECLARE_OK = AMQP_EXCHANGE_DECLARE_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_EXCHANGE_DELETE = AMQP_EXCHANGE_DELETE_METHOD;
static const amqp_method_number_t CHAOSLAB_EXCHANGE_DELETE_OK = AMQP_EXCHANGE_DELETE_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_DECLARE = AMQP_QUEUE_DECLARE_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_DECLARE_OK = AMQP_QUEUE_DECLARE_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_BIND = AMQP_QUEUE_BIND_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_BIND_OK = AMQP_QUEUE_BIND_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_PURGE = AMQP_QUEUE_PURGE_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_PURGE_OK = AMQP_QUEUE_PURGE_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_DELETE = AMQP_QUEUE_DELETE_METHOD;
static const amqp_method_number_t CHAOSLAB_QUEUE_DELETE_OK = AMQP_QUEUE_DELETE_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_QOS = AMQP_BASIC_QOS_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_QOS_OK = AMQP_BASIC_QOS_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_CONSUME = AMQP_BASIC_CONSUME_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_CONSUME_OK = AMQP_BASIC_CONSUME_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_CANCEL = AMQP_BASIC_CANCEL_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_CANCEL_OK = AMQP_BASIC_CANCEL_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_RETURN = AMQP_BASIC_RETURN_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_DELIVER = AMQP_BASIC_DELIVER_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_GET = AMQP_BASIC_GET_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_GET_OK = AMQP_BASIC_GET_OK_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_GET_EMPTY = AMQP_BASIC_GET_EMPTY_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_ACK = AMQP_BASIC_ACK_METHOD;
static const amqp_method_number_t CHAOSLAB_BASIC_NACK = AMQP_BASIC_NACK_METHOD;
static const amqp_method_number_t CHAOSLAB_CONFIRM_SELECT = AMQP_CONFIRM_SELECT_METHOD;
static const amqp_method_number_t CHAOSLAB_CONFIRM_SELECT_OK = AMQP_CONFIRM_SELECT_OK_METHOD;

#endif
