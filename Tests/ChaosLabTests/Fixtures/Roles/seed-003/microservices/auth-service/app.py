from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    return jsonify({"token": "…"})
