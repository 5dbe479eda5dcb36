import threading

from flask import Flask, jsonify, request

from consumer import start

app = Flask(__name__)


@app.route("/orders", methods=["POST"])
def create_order():
    return jsonify({"order": request.json}), 201


threading.Thread(target=start, daemon=True).start()
